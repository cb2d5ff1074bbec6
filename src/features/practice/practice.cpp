#include "features/practice/practice.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "web/session.hpp"

namespace certhub {
namespace json = boost::json;
namespace {

std::string join_letters(const std::vector<std::string>& letters) {
  std::string out;
  for (const auto& l : letters) out += (out.empty() ? "" : ",") + l;
  return out;
}

std::vector<std::string> split_letters(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::vector<Step> to_steps(const std::vector<StepRow>& rows) {
  std::vector<Step> steps;
  for (const auto& row : rows) {
    Step s;
    s.slot = row.slot;
    s.at = row.at;
    if (row.kind == "flag") {
      s.kind = StepKind::flag;
      s.flagged = row.value == "1";
    } else {
      s.kind = StepKind::answer;
      s.selected = split_letters(row.value);
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

std::uint64_t random_seed() {
  std::uint64_t seed = 0;
  randombytes_buf(&seed, sizeof seed);
  return seed >> 1;  // fits a signed 64-bit column
}

}  // namespace

int LoadedAttempt::answered() const {
  return static_cast<int>(std::count_if(states.begin(), states.end(),
                                        [](const SlotState& s) { return !s.selected.empty(); }));
}

int LoadedAttempt::flagged() const {
  return static_cast<int>(
      std::count_if(states.begin(), states.end(), [](const SlotState& s) { return s.flagged; }));
}

std::string encode_slots(const std::vector<Slot>& slots) {
  json::array out;
  for (const auto& slot : slots) {
    json::array order(slot.order.begin(), slot.order.end());
    out.push_back(json::object{{"q", slot.question_id}, {"o", std::move(order)}});
  }
  return json::serialize(out);
}

std::optional<std::vector<Slot>> decode_slots(const std::string& text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return std::nullopt;
  std::vector<Slot> slots;
  for (const auto& item : value.as_array()) {
    const auto* obj = item.if_object();
    if (!obj || !obj->contains("q") || !obj->contains("o")) return std::nullopt;
    Slot slot{json::value_to<std::string>(obj->at("q")), {}};
    for (const auto& o : obj->at("o").as_array())
      slot.order.push_back(static_cast<int>(o.to_number<int>()));
    slots.push_back(std::move(slot));
  }
  return slots;
}

void Practice::content_reloaded() {
  question_html_.clear();
  attempt_cache_.forget_loaded();
}

std::variant<LoadedAttempt, PracticeError> Practice::start(const std::string& session_id,
                                                           const std::string& certification,
                                                           const std::string& mode_text,
                                                           const std::string& domain) {
  auto catalog = app_.catalog();
  const auto* cert = catalog->certification(certification);
  if (!cert || cert->practice != PracticeStatus::live)
    return PracticeError{404, "There is no live practice for '" + certification + "'."};
  auto mode = parse_mode(mode_text);
  if (!mode) return PracticeError{422, "mode must be sample, training or mock"};
  if (!domain.empty() && std::none_of(cert->domains.begin(), cert->domains.end(),
                                      [&](const Domain& d) { return d.id == domain; }))
    return PracticeError{422, "unknown domain '" + domain + "' for " + cert->code};
  auto bank = catalog->bank(cert->id);
  auto seed = random_seed();
  std::set<std::string> seen;
  for (const auto& past : attempts().attempts_of(session_id, 20))
    if (auto slots = decode_slots(past.slots))
      for (const auto& s : *slots) seen.insert(s.question_id);

  std::vector<Slot> slots;
  std::optional<std::int64_t> deadline;
  auto now = app_.now();
  if (*mode == Mode::mock) {
    auto bp = blueprint_for(*cert);
    if (!bp) return PracticeError{409, cert->code + " has no exam blueprint for a mock exam."};
    auto drawn = assemble_mock(*bp, bank, seed, seen);
    if (!drawn) return PracticeError{409, "The question bank is too small for a full mock exam."};
    slots = std::move(*drawn);
    deadline = now + std::int64_t{bp->minutes} * 60;
  } else if (*mode == Mode::training) {
    slots = assemble_training(bank, domain, seed, seen);
  } else {
    slots = assemble_sample(bank, seed);
  }
  if (slots.empty()) return PracticeError{409, "There are no questions for this choice yet."};

  AttemptRow row{random_hex(16),
                 session_id,
                 cert->id,
                 to_string(*mode),
                 *mode == Mode::mock ? "" : domain,
                 catalog->version,
                 static_cast<std::int64_t>(seed),
                 encode_slots(slots),
                 now,
                 deadline,
                 std::nullopt};
  attempts().create_attempt(row);
  auto loaded = load(session_id, row.id);
  if (!loaded) return PracticeError{500, "attempt vanished"};
  return std::move(*loaded);
}

std::optional<LoadedAttempt> Practice::read(const std::string& attempt_id) {
  auto row = attempts().find_attempt(attempt_id);
  if (!row) return std::nullopt;
  auto slots = decode_slots(row->slots);
  auto mode = parse_mode(row->mode);
  if (!slots || !mode) return std::nullopt;
  LoadedAttempt a;
  a.catalog = app_.catalog();
  a.cert = a.catalog->certification(row->certification);
  if (!a.cert) return std::nullopt;
  a.mode = *mode;
  std::vector<const Question*> questions;
  for (const auto& slot : *slots) questions.push_back(a.catalog->question(slot.question_id));
  a.slots = std::move(*slots);
  a.questions = std::move(questions);
  a.timing = {row->started_at, row->deadline, row->finished_at};
  a.states = replay(a.slots.size(), to_steps(attempts().steps_of(row->id)), a.timing.deadline);
  if (a.mode == Mode::mock)
    if (auto bp = blueprint_for(*a.cert)) a.pass_mark = bp->pass_count;
  a.row = std::move(*row);
  a.row.slots = {};  // decoded above; not kept twice
  return a;
}

void Practice::finish_if_due(LoadedAttempt& a) {
  if (!a.timing.finished_at && a.timing.deadline && app_.now() >= *a.timing.deadline)
    a.timing.finished_at = attempts().finish_attempt(a.row.id, *a.timing.deadline);
}

std::optional<LoadedAttempt> Practice::load(const std::string& session_id,
                                            const std::string& attempt_id) {
  auto& cache = attempt_cache_;
  if (!cache.enabled()) {
    auto a = read(attempt_id);
    if (!a || a->row.session_id != session_id) return std::nullopt;
    finish_if_due(*a);
    return a;
  }
  auto entry = cache.entry(attempt_id);
  std::lock_guard lock(entry->mutex);
  // A content reload swaps the questions: read the attempt again against the new snapshot.
  if (!entry->attempt || entry->attempt->catalog != app_.catalog()) {
    entry->attempt = read(attempt_id);
    if (!entry->attempt) {
      cache.drop(attempt_id);
      return std::nullopt;
    }
  }
  if (entry->attempt->row.session_id != session_id) return std::nullopt;
  finish_if_due(*entry->attempt);
  return *entry->attempt;
}

bool Practice::change(LoadedAttempt& a, const std::function<bool()>& write,
                      const std::function<void(LoadedAttempt&)>& apply) {
  auto& cache = attempt_cache_;
  if (!cache.enabled()) {
    if (!write()) return false;
    apply(a);
    return true;
  }
  auto entry = cache.entry(a.row.id);
  std::lock_guard lock(entry->mutex);
  if (!write()) return false;
  apply(a);
  if (entry->attempt && entry->attempt->catalog == a.catalog)
    apply(*entry->attempt);
  else
    entry->attempt.reset();  // read again on next use
  return true;
}

std::vector<AttemptRow> Practice::history(const std::string& session_id) {
  return attempts().attempts_of(session_id, 50);
}

SaveOutcome Practice::answer(LoadedAttempt& a, int index,
                             const std::vector<std::string>& selected) {
  if (index < 0 || static_cast<size_t>(index) >= a.slots.size() ||
      !a.questions[static_cast<size_t>(index)])
    return SaveOutcome::no_such_question;
  if (a.finished(app_.now())) return SaveOutcome::finished;
  const auto& q = *a.questions[static_cast<size_t>(index)];
  auto sorted = selected;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (!to_question_keys(a.slots[static_cast<size_t>(index)], sorted))
    return SaveOutcome::bad_selection;
  if (q.type != QuestionType::multiple && sorted.size() > 1) return SaveOutcome::bad_selection;
  if (q.type == QuestionType::multiple && static_cast<int>(sorted.size()) > q.choose)
    return SaveOutcome::bad_selection;
  StepRow step{index, "answer", join_letters(sorted), app_.now()};
  bool saved = change(
      a, [&] { return attempts().append_step(a.row.id, step); },
      [&](LoadedAttempt& x) { x.states[static_cast<size_t>(index)].selected = sorted; });
  return saved ? SaveOutcome::saved : SaveOutcome::finished;
}

SaveOutcome Practice::flag(LoadedAttempt& a, int index, bool flagged) {
  if (index < 0 || static_cast<size_t>(index) >= a.slots.size())
    return SaveOutcome::no_such_question;
  if (a.finished(app_.now())) return SaveOutcome::finished;
  StepRow step{index, "flag", flagged ? "1" : "0", app_.now()};
  bool saved = change(
      a, [&] { return attempts().append_step(a.row.id, step); },
      [&](LoadedAttempt& x) { x.states[static_cast<size_t>(index)].flagged = flagged; });
  return saved ? SaveOutcome::saved : SaveOutcome::finished;
}

Result Practice::submit(LoadedAttempt& a) {
  if (!a.timing.finished_at) {
    std::int64_t finished_at = 0;
    std::vector<SlotState> states;
    change(
        a,
        [&] {
          finished_at = attempts().finish_attempt(a.row.id, app_.now());
          // Saves committed (by this or another app server) since `a` was loaded count too.
          states =
              replay(a.slots.size(), to_steps(attempts().steps_of(a.row.id)), a.timing.deadline);
          return true;
        },
        [&](LoadedAttempt& x) {
          x.timing.finished_at = finished_at;
          x.states = states;
        });
  }
  return result(a);
}

Result Practice::result(const LoadedAttempt& a) const {
  return grade(*a.cert, a.slots, a.questions, a.states, a.pass_mark);
}

}  // namespace certhub
