#include "core/exam.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace certhub {

const char* to_string(Mode mode) {
  switch (mode) {
    case Mode::sample:
      return "sample";
    case Mode::training:
      return "training";
    case Mode::mock:
      return "mock";
    case Mode::drill:
      return "drill";
  }
  return "";
}

std::optional<Mode> parse_mode(std::string_view text) {
  if (text == "sample") return Mode::sample;
  if (text == "training") return Mode::training;
  if (text == "mock") return Mode::mock;
  if (text == "drill") return Mode::drill;
  return std::nullopt;
}

std::uint64_t SeededRandom::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t SeededRandom::below(std::uint64_t bound) {
  // Rejection sampling keeps the draw uniform for any bound.
  std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t value;
  do value = next();
  while (value >= limit);
  return value % bound;
}

std::vector<int> option_order(const Question& q, SeededRandom& random) {
  std::vector<int> order(q.options.size());
  std::iota(order.begin(), order.end(), 0);
  if (q.type != QuestionType::true_false) random.shuffle(order);
  return order;
}

namespace {

// Shuffled, with unseen questions first, keeping the shuffle within each group.
std::vector<const Question*> prefer_unseen(std::vector<const Question*> pool, SeededRandom& random,
                                           const std::set<std::string>& seen) {
  random.shuffle(pool);
  std::stable_partition(pool.begin(), pool.end(),
                        [&](const Question* q) { return !seen.contains(q->id); });
  return pool;
}

std::vector<Slot> to_slots(const std::vector<const Question*>& questions, SeededRandom& random) {
  std::vector<Slot> slots;
  slots.reserve(questions.size());
  for (const auto* q : questions) slots.push_back({q->id, option_order(*q, random)});
  return slots;
}

}  // namespace

std::optional<std::vector<Slot>> assemble_mock(const Blueprint& blueprint,
                                               const std::vector<const Question*>& bank,
                                               std::uint64_t seed,
                                               const std::set<std::string>& seen) {
  SeededRandom random(seed);
  std::vector<const Question*> drawn;
  for (const auto& draw : blueprint.draws) {
    std::vector<const Question*> pool;
    for (const auto* q : bank)
      if (q->domain == draw.domain) pool.push_back(q);
    if (static_cast<int>(pool.size()) < draw.count) return std::nullopt;
    pool = prefer_unseen(std::move(pool), random, seen);
    drawn.insert(drawn.end(), pool.begin(), pool.begin() + draw.count);
  }
  random.shuffle(drawn);  // the real exam mixes domains
  return to_slots(drawn, random);
}

std::vector<Slot> assemble_training(const std::vector<const Question*>& bank,
                                    const std::string& domain, std::uint64_t seed,
                                    const std::set<std::string>& seen) {
  SeededRandom random(seed);
  std::vector<const Question*> pool;
  for (const auto* q : bank)
    if (domain.empty() || q->domain == domain) pool.push_back(q);
  return to_slots(prefer_unseen(std::move(pool), random, seen), random);
}

std::vector<Slot> assemble_sample(const std::vector<const Question*>& bank, std::uint64_t seed) {
  SeededRandom random(seed);
  std::vector<const Question*> pool;
  for (const auto* q : bank)
    if (q->sample) pool.push_back(q);
  return to_slots(pool, random);
}

std::vector<Slot> assemble_listed(const std::vector<const Question*>& bank,
                                  const std::vector<std::string>& question_ids,
                                  std::uint64_t seed) {
  SeededRandom random(seed);
  std::vector<const Question*> pool;
  for (const auto& id : question_ids) {
    auto it =
        std::find_if(bank.begin(), bank.end(), [&](const Question* q) { return q->id == id; });
    if (it != bank.end()) pool.push_back(*it);
  }
  return to_slots(pool, random);
}

std::optional<std::vector<std::string>> to_question_keys(const Slot& slot,
                                                         const std::vector<std::string>& shown) {
  std::vector<std::string> keys;
  for (const auto& letter : shown) {
    if (letter.size() != 1 || letter[0] < 'a') return std::nullopt;
    size_t index = static_cast<size_t>(letter[0] - 'a');
    if (index >= slot.order.size()) return std::nullopt;
    keys.push_back(std::string(1, static_cast<char>('a' + slot.order[index])));
  }
  return keys;
}

std::vector<std::string> shown_key(const Question& q, const Slot& slot) {
  std::vector<std::string> out;
  for (size_t i = 0; i < slot.order.size(); ++i) {
    const auto& original = q.options[static_cast<size_t>(slot.order[i])].key;
    if (std::find(q.key.begin(), q.key.end(), original) != q.key.end())
      out.push_back(std::string(1, static_cast<char>('a' + i)));
  }
  return out;
}

bool is_correct(const Question& q, const Slot& slot,
                const std::vector<std::string>& shown_selection) {
  auto selected = shown_selection;
  std::sort(selected.begin(), selected.end());
  selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
  return !selected.empty() && selected == shown_key(q, slot);
}

std::vector<SlotState> replay(size_t slot_count, const std::vector<Step>& steps,
                              std::optional<std::int64_t> cutoff) {
  std::vector<SlotState> states(slot_count);
  for (const auto& step : steps) {
    if (step.slot < 0 || static_cast<size_t>(step.slot) >= slot_count) continue;
    if (cutoff && step.at > *cutoff) continue;
    auto& state = states[static_cast<size_t>(step.slot)];
    if (step.kind == StepKind::answer) {
      state.selected = step.selected;
      ++state.sequence;
    } else
      state.flagged = step.flagged;
  }
  return states;
}

Result grade(const Certification& cert, const std::vector<Slot>& slots,
             const std::vector<const Question*>& questions, const std::vector<SlotState>& states,
             int pass_mark) {
  Result r;
  for (const auto& d : cert.domains) r.domains.push_back({d.id, d.name, 0, 0, 0});
  for (size_t i = 0; i < slots.size() && i < questions.size(); ++i) {
    const auto* q = questions[i];
    if (!q) {  // withdrawn from the content since the attempt began: not counted
      r.slot_correct.push_back(false);
      continue;
    }
    bool answered = i < states.size() && !states[i].selected.empty();
    bool ok = answered && is_correct(*q, slots[i], states[i].selected);
    r.slot_correct.push_back(ok);
    r.total += 1;
    r.answered += answered ? 1 : 0;
    r.correct += ok ? 1 : 0;
    for (auto& d : r.domains)
      if (d.domain == q->domain) {
        d.total += 1;
        d.answered += answered ? 1 : 0;
        d.correct += ok ? 1 : 0;
      }
  }
  std::erase_if(r.domains, [](const DomainResult& d) { return d.total == 0; });
  r.pass_mark = pass_mark;
  r.passed = pass_mark > 0 && r.correct >= pass_mark;
  r.score = r.total ? std::round(1000.0 * r.correct / r.total) / 10.0 : 0;
  return r;
}

std::optional<std::int64_t> Timing::ended_at(std::int64_t now) const {
  if (finished_at) return deadline ? std::min(*finished_at, *deadline) : *finished_at;
  if (deadline && now >= *deadline) return *deadline;
  return std::nullopt;
}

std::int64_t Timing::seconds_left(std::int64_t now) const {
  if (!deadline || finished(now)) return 0;
  return *deadline - now;
}

std::int64_t Timing::seconds_used(std::int64_t now) const {
  return ended_at(now).value_or(now) - started_at;
}

}  // namespace certhub
