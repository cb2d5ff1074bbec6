#pragma once
// Installation-wide values shared by every app server on one database.
#include <string>

namespace certhub {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;

  // The value of a setting, storing `initial` first if it has none yet. Every app server on one
  // database gets the same value.
  virtual std::string setting(const std::string& name, const std::string& initial) = 0;
};

}  // namespace certhub
