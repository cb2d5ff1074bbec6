#pragma once
// Item statistics from finished mock exams (classical test theory): per question how many took
// it, the facility index (share correct), the point-biserial discrimination against the rest of
// the exam, and how often each option was chosen. Pure: the caller streams attempts in.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace certhub {

// Flags need this many attempts: below it a facility or discrimination says little.
inline constexpr int kItemMinAttempts = 30;
// A question that barely separates strong from weak candidates (or separates them backwards).
inline constexpr double kItemMinDiscrimination = 0.15;
// Outside this band a question is too hard (or keyed wrong) or too easy to tell anyone apart.
inline constexpr double kItemMinFacility = 0.20;
inline constexpr double kItemMaxFacility = 0.95;

// One slot of one finished mock exam.
struct ItemResponse {
  std::string question_id;
  std::vector<std::string> chosen;  // the question's own option keys; empty: not answered
  bool correct = false;
};

struct ItemStat {
  std::string question_id;
  int attempts = 0;
  int correct = 0;
  double facility = 0;                       // correct / attempts
  std::optional<double> discrimination;      // r_pb; nullopt when either score has no variance
  std::map<std::string, int> option_counts;  // option key -> times chosen
  int unanswered = 0;
  bool enough = false;  // attempts >= kItemMinAttempts
  bool flagged = false;
  std::vector<std::string> reasons;  // why flagged, in words
};

class ItemStatsBuilder {
 public:
  // One finished mock exam: all its slots. The rest-of-exam score of a slot is the number of
  // the attempt's other slots answered correctly.
  void add_attempt(const std::vector<ItemResponse>& slots);
  int attempts_added() const { return attempts_; }
  // Every question seen, flagged first (worst first: lowest discrimination, then furthest from
  // the facility band), then those with enough attempts by discrimination, then the rest by
  // attempts; ties by id.
  std::vector<ItemStat> finish() const;

 private:
  struct Sums {
    std::int64_t n = 0, x = 0, y = 0, yy = 0, xy = 0;  // x: item score 0/1, y: rest score
    int unanswered = 0;
    std::map<std::string, int> options;
  };
  std::unordered_map<std::string, Sums> items_;
  int attempts_ = 0;
};

// The point-biserial correlation from sums over n pairs (x in {0,1}): Pearson's r.
std::optional<double> point_biserial(std::int64_t n, std::int64_t sum_x, std::int64_t sum_y,
                                     std::int64_t sum_yy, std::int64_t sum_xy);

}  // namespace certhub
