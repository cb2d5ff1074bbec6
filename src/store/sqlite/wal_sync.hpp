#pragma once
// Group commit for SQLite. Transactions commit without waiting for the disk (WAL with
// synchronous=NORMAL); this thread then makes the write-ahead log durable with one fdatasync
// for every commit made before the sync began, however many there are, and tells each waiting
// caller. A reply that acknowledges a write waits for its ticket, so what was acknowledged
// survives a power loss, and concurrent writers share each (slow) sync.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "store/store.hpp"  // SyncStats

namespace certhub::sqlite {

class WalSync {
 public:
  // `wal_path`: the database's "-wal" file, which SQLite keeps while any connection is open.
  explicit WalSync(std::string wal_path);
  ~WalSync();  // syncs what is still pending, then stops the thread
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;

  // Call after a transaction that changed something has committed; returns its ticket.
  std::uint64_t committed();
  // Calls `done(ok)` once every commit up to `ticket` is on disk (at once if it already is),
  // from the sync thread or the caller's. ok is false when the sync failed.
  void when_synced(std::uint64_t ticket, std::function<void(bool ok)> done);
  SyncStats stats() const;

 private:
  void run();
  bool sync_file();

  std::string wal_path_;
  int fd_ = -1;  // the sync thread's own descriptor on the WAL file
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::uint64_t issued_ = 0;  // highest ticket handed out
  std::uint64_t synced_ = 0;  // every ticket up to here is durable
  bool failed_ = false;       // the last sync failed
  bool stopping_ = false;
  std::vector<std::pair<std::uint64_t, std::function<void(bool)>>> waiting_;
  SyncStats stats_;
  std::thread thread_;
};

}  // namespace certhub::sqlite
