#include "identity/pod.hpp"

#include "identity/top_level_object.hpp"

namespace ordinal::identity {

Pod Pod::from_json(const Json& json) {
  return read_top_level_object<Pod>(json);
}

Json Pod::to_json() const {
  return write_top_level_object(*this);
}

const Condition* Pod::ready_condition() const {
  return find_condition(status.conditions, "Ready");
}

bool Pod::is_ready() const {
  const Condition* ready = ready_condition();
  return ready != nullptr && ready->is_true();
}

bool Pod::is_running_and_ready() const {
  return status.phase == "Running" && is_ready();
}

}  // namespace ordinal::identity
