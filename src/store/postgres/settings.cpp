// Installation-wide settings on PostgreSQL.
#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

constexpr Sql kSettingInsert{
    "setting_insert", "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING"};
constexpr Sql kSettingSelect{"setting_select", "SELECT value FROM settings WHERE name = $1"};

class Settings final : public Area<SettingsStore, Db> {
 public:
  using Area::Area;

  std::string setting(const std::string& name, const std::string& initial) override {
    auto conn = db_.lease();
    conn->run(kSettingInsert, {name, initial});
    auto r = conn->run(kSettingSelect, {name});
    if (r.rows() != 1) throw StoreError("setting " + name + " vanished");
    return r.text(0, 0);
  }
};

}  // namespace

std::unique_ptr<SettingsStore> make_settings_store(Db& db) {
  return std::make_unique<Settings>(db);
}

}  // namespace certhub::postgres
