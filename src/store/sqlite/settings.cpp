// Installation-wide settings on SQLite.
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

class Settings final : public Area<SettingsStore, Db> {
 public:
  using Area::Area;

  std::string setting(const std::string& name, const std::string& initial) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    {
      auto insert =
          conn->prepare("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING");
      bind_arg(insert, 1, name);
      bind_arg(insert, 2, initial);
      conn->step(insert);
      if (conn->changes() == 1) db_.wrote();
    }
    auto select = conn->prepare("SELECT value FROM settings WHERE name = ?");
    bind_arg(select, 1, name);
    if (conn->step(select) != SQLITE_ROW) throw StoreError("setting " + name + " vanished");
    return column_text(select, 0);
  }
};

}  // namespace

std::unique_ptr<SettingsStore> make_settings_store(Db& db) {
  return std::make_unique<Settings>(db);
}

}  // namespace certhub::sqlite
