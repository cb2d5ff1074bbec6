#include "store/notifications.hpp"

namespace certhub {

const char* to_string(MessageKind kind) {
  return kind == MessageKind::live ? "live" : "confirm";
}

}  // namespace certhub
