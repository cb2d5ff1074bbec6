#pragma once
// How an attempt is shown, as JSON for the API. The one place that decides what a learner may
// see: keys and explanations only once reveals_keys() allows it.
#include <boost/json/value.hpp>

#include "features/practice/practice.hpp"

namespace certhub {

boost::json::object question_json(const LoadedAttempt& a, size_t index);
// Key, correctness and the explanation of every option; only call when keys may be revealed.
boost::json::object feedback_json(const LoadedAttempt& a, size_t index);
boost::json::object result_json(const LoadedAttempt& a, const Result& r, std::int64_t now);
boost::json::object attempt_json(const LoadedAttempt& a, std::int64_t now, bool with_questions);

}  // namespace certhub
