#pragma once
#include <memory>
#include <string>

#include "store/store.hpp"

namespace certhub {

// PostgreSQL through libpq, for several app servers on one database. `url` is a libpq
// connection URI (postgresql://user@host:port/db?...); a password is better kept in ~/.pgpass or
// PGPASSWORD than in the URL. Connections come from a bounded pool, each with its statements
// prepared once; a connection that breaks is dropped and the next call opens a new one, so the
// store recovers by itself when the database is back. Throws StoreError when the first
// connection cannot be made.
std::unique_ptr<Store> open_postgres_store(const std::string& url);

}  // namespace certhub
