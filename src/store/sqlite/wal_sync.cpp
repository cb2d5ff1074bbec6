#include "store/sqlite/wal_sync.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace certhub::sqlite {

WalSync::WalSync(std::string wal_path)
    : wal_path_(std::move(wal_path)), thread_([this] { run(); }) {}

WalSync::~WalSync() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t WalSync::committed() {
  std::uint64_t ticket = 0;
  {
    std::lock_guard lock(mutex_);
    ticket = ++issued_;
  }
  wake_.notify_one();
  return ticket;
}

void WalSync::when_synced(std::uint64_t ticket, std::function<void(bool)> done) {
  bool ok = true;
  {
    std::lock_guard lock(mutex_);
    if (ticket > synced_) {
      waiting_.emplace_back(ticket, std::move(done));
      return;
    }
    ok = !failed_;
  }
  done(ok);
}

SyncStats WalSync::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

// SQLite may delete the WAL when the last connection closes and create a new file later, so
// the descriptor is checked against the path before each sync.
bool WalSync::sync_file() {
  struct stat by_path {};
  if (::stat(wal_path_.c_str(), &by_path) != 0) {
    // No WAL file: every commit has been checkpointed into the database and synced by SQLite.
    return true;
  }
  struct stat by_fd {};
  if (fd_ >= 0 && (::fstat(fd_, &by_fd) != 0 || by_fd.st_ino != by_path.st_ino ||
                   by_fd.st_dev != by_path.st_dev)) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0) fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return false;
  return ::fdatasync(fd_) == 0;
}

void WalSync::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || issued_ > synced_; });
    if (issued_ == synced_ && stopping_) break;
    // Every ticket up to `target` was handed out after its commit's frames were written, so
    // this one sync covers them all; commits made meanwhile wait for the next round.
    auto target = issued_;
    lock.unlock();
    bool ok = sync_file();
    lock.lock();
    synced_ = target;
    failed_ = !ok;
    stats_.syncs += 1;
    std::vector<std::function<void(bool)>> ready;
    auto split = std::partition(waiting_.begin(), waiting_.end(),
                                [&](const auto& w) { return w.first > target; });
    for (auto it = split; it != waiting_.end(); ++it) ready.push_back(std::move(it->second));
    waiting_.erase(split, waiting_.end());
    stats_.commits = target;
    lock.unlock();
    for (auto& done : ready) done(ok);
    lock.lock();
  }
}

}  // namespace certhub::sqlite
