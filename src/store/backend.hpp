#pragma once
// What the SQLite and PostgreSQL backends are both built from.
#include <memory>
#include <utility>

namespace certhub {

// A connection borrowed from a backend's pool for one call, handed back when the lease ends.
// `Pool` has `void give_back(std::unique_ptr<Connection>)`.
template <class Pool, class Connection>
class Lease {
 public:
  Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
  ~Lease() {
    if (conn_) pool_->give_back(std::move(conn_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Connection* operator->() { return conn_.get(); }
  Connection& operator*() { return *conn_; }

 private:
  Pool* pool_;
  std::unique_ptr<Connection> conn_;
};

// What every area of a backend starts from: the backend's shared database object.
template <class Interface, class Db>
class Area : public Interface {
 public:
  explicit Area(Db& db) : db_(db) {}

 protected:
  Db& db_;
};

}  // namespace certhub
