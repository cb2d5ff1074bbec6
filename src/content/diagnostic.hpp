#pragma once
#include <string>
#include <vector>

namespace certhub {

enum class Severity { error, warning };

// One problem in a content file, printed as `file:line:column: error: message`.
struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 when the problem is about the whole file
  int column = 0;
  Severity severity = Severity::error;
  std::string message;
};

std::string format(const Diagnostic& d);
bool has_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace certhub
