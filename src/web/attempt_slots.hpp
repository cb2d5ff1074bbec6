#pragma once
// How an attempt's slots and steps are stored: the slot list as JSON in the attempt row, and
// each step's value as text. Shared by the practice feature (which writes and replays them) and
// the admin area's item statistics (which reads finished mock exams).
#include <optional>
#include <string>
#include <vector>

#include "core/exam.hpp"
#include "store/attempts.hpp"

namespace certhub {

std::string encode_slots(const std::vector<Slot>& slots);
std::optional<std::vector<Slot>> decode_slots(const std::string& json);
// Stored step rows as the engine's steps (answer values "a,c"; flag values "1" or "0").
std::vector<Step> to_steps(const std::vector<StepRow>& rows);

}  // namespace certhub
