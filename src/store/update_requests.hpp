#pragma once
// "Tell me when practice is available": requests for news of a route without live practice.
#include <cstdint>
#include <string>
#include <vector>

namespace certhub {

class UpdateRequestStore {
 public:
  virtual ~UpdateRequestStore() = default;

  // Records that a visitor (`session_id`) wants news of a route. A visitor counts once per
  // route, and so does a non-empty email: asking again adds nothing, except that an email given
  // now is kept on the visitor's earlier request if it had none. Returns true when a new
  // request was counted.
  virtual bool add_update_request(const std::string& certification, const std::string& email,
                                  const std::string& session_id, std::int64_t now) = 0;
  virtual int update_request_count(const std::string& certification) = 0;
  // A visitor's requests, oldest first (for the learner's export).
  struct Request {
    std::string certification;
    std::string email;
    std::int64_t created_at = 0;
  };
  virtual std::vector<Request> requests_of(const std::string& session_id) = 0;
};

}  // namespace certhub
