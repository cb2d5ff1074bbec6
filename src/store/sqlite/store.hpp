#pragma once
#include <memory>
#include <string>

#include "store/store.hpp"

namespace certhub {

// SQLite in WAL mode. Connections come from a small pool (one per concurrent caller), each with
// its own cache of prepared statements, so a statement is compiled once per connection.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace certhub
