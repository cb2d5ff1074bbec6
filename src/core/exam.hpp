#pragma once
// The exam engine: assembling attempts, shuffling options, grading. Pure functions of their
// inputs (content, seed, steps, time), so the same inputs always give the same exam and score.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/blueprint.hpp"
#include "core/catalog.hpp"

namespace certhub {

// A drill is training on the spaced-repetition cards that are due (core/learning.hpp).
enum class Mode { sample, training, mock, drill };
const char* to_string(Mode mode);
std::optional<Mode> parse_mode(std::string_view text);

// One question of an attempt, with the order its options are shown in: shown option i is the
// question's option order[i]. Shown letters are always a, b, c... in that order.
struct Slot {
  std::string question_id;
  std::vector<int> order;
};

// Deterministic 64-bit generator (splitmix64): the same seed draws the same exam on every
// platform, unlike std::shuffle whose results vary between standard libraries.
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  std::uint64_t below(std::uint64_t bound);  // uniform in [0, bound)
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::uint64_t state_;
};

// Options keep their order for true/false (True before False); otherwise they are shuffled.
std::vector<int> option_order(const Question& q, SeededRandom& random);

// A mock exam: per domain the blueprint's count, questions not in `seen` first, then shuffled
// together. Returns nullopt when some domain has too few questions.
std::optional<std::vector<Slot>> assemble_mock(const Blueprint& blueprint,
                                               const std::vector<const Question*>& bank,
                                               std::uint64_t seed,
                                               const std::set<std::string>& seen = {});

// Training: every question of the domain (or all domains when empty), unseen ones first.
std::vector<Slot> assemble_training(const std::vector<const Question*>& bank,
                                    const std::string& domain, std::uint64_t seed,
                                    const std::set<std::string>& seen = {});

// The free sample questions, in bank order, options shuffled.
std::vector<Slot> assemble_sample(const std::vector<const Question*>& bank, std::uint64_t seed);

// Training on exactly these questions (those in `bank`, in the order given), options shuffled:
// "practise the ones I missed".
std::vector<Slot> assemble_listed(const std::vector<const Question*>& bank,
                                  const std::vector<std::string>& question_ids, std::uint64_t seed);

// Shown letters ("a", "c") to the question's own option keys, or nullopt when a letter is not
// shown for this slot.
std::optional<std::vector<std::string>> to_question_keys(const Slot& slot,
                                                         const std::vector<std::string>& shown);
// The key as shown letters for this slot, sorted.
std::vector<std::string> shown_key(const Question& q, const Slot& slot);

// All-or-nothing: the selection equals the key exactly. An empty selection is wrong.
bool is_correct(const Question& q, const Slot& slot,
                const std::vector<std::string>& shown_selection);

// What the learner did, replayed from the append-only steps.
struct SlotState {
  std::vector<std::string> selected;  // shown letters; empty: unanswered (or cleared)
  bool flagged = false;
  // How many answer steps this slot has (a cleared answer is one too). An answer form carries
  // it, so a save from a page that is out of date can be refused instead of overwriting.
  int sequence = 0;
};

enum class StepKind { answer, flag };
struct Step {
  int slot = 0;
  StepKind kind = StepKind::answer;
  std::vector<std::string> selected;  // answer
  bool flagged = false;               // flag
  std::int64_t at = 0;
};

// The latest answer and flag per slot, counting only steps made before `cutoff` (the deadline):
// a step recorded late never counts.
std::vector<SlotState> replay(size_t slot_count, const std::vector<Step>& steps,
                              std::optional<std::int64_t> cutoff = std::nullopt);

struct DomainResult {
  std::string domain;
  std::string name;
  int correct = 0;
  int answered = 0;
  int total = 0;
};

struct Result {
  int correct = 0;
  int answered = 0;  // questions with an answer (training and sample results count these)
  int total = 0;
  int pass_mark = 0;  // correct answers needed; 0 when the mode has no pass mark
  bool passed = false;
  double score = 0;                   // percent, one decimal
  std::vector<DomainResult> domains;  // in the certification's domain order
  std::vector<bool> slot_correct;

  // Correct answers still missing to reach the pass mark (0 when passed or without a mark).
  int short_of_pass() const { return pass_mark > correct ? pass_mark - correct : 0; }
};

Result grade(const Certification& cert, const std::vector<Slot>& slots,
             const std::vector<const Question*>& questions, const std::vector<SlotState>& states,
             int pass_mark);

// Timing: when a timed attempt must end, and whether it has.
struct Timing {
  std::int64_t started_at = 0;
  std::optional<std::int64_t> deadline;
  std::optional<std::int64_t> finished_at;  // submitted (or closed at the deadline)

  bool finished(std::int64_t now) const { return finished_at || (deadline && now >= *deadline); }
  // The moment the attempt ended: the submit time, or the deadline when it ran out.
  std::optional<std::int64_t> ended_at(std::int64_t now) const;
  std::int64_t seconds_left(std::int64_t now) const;  // 0 when untimed or over
  std::int64_t seconds_used(std::int64_t now) const;
};

}  // namespace certhub
