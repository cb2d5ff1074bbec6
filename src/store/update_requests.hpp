#pragma once
// "Tell me when practice is available": requests for news of a route without live practice.
#include <cstdint>
#include <string>

namespace certhub {

class UpdateRequestStore {
 public:
  virtual ~UpdateRequestStore() = default;

  // Records that someone wants news of a route. The same non-empty email for the same route
  // counts once; returns false when it was already recorded.
  virtual bool add_update_request(const std::string& certification, const std::string& email,
                                  std::int64_t now) = 0;
  virtual int update_request_count(const std::string& certification) = 0;
};

}  // namespace certhub
