#pragma once
// CSV as RFC 4180 writes it, safe to open in a spreadsheet: a cell that a spreadsheet would run
// as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe.
#include <string>
#include <string_view>
#include <vector>

namespace certhub {

std::string csv_cell(std::string_view value);
// The cells joined by commas, ending in CRLF.
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace certhub
