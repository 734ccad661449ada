#include "identity/condition.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

Condition Condition::from_json(const Json& json) {
  Condition out;
  out.type = get_string(json, {"type"});
  out.status = get_string(json, {"status"});
  out.last_transition_time = get_string(json, {"lastTransitionTime"});
  out.reason = get_string(json, {"reason"});
  out.message = get_string(json, {"message"});
  out.original = json;
  return out;
}

Json Condition::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"type"}, type);
  put_string(out, {"status"}, status);
  put_string(out, {"lastTransitionTime"}, last_transition_time);
  put_string(out, {"reason"}, reason);
  put_string(out, {"message"}, message);
  return out;
}

const Condition* find_condition(const std::vector<Condition>& conditions, std::string_view type) {
  for (const Condition& condition : conditions)
    if (condition.type == type) return &condition;
  return nullptr;
}

bool set_condition(std::vector<Condition>& conditions, std::string_view type,
                   std::string_view status, std::string_view now, std::string_view reason,
                   std::string_view message) {
  Condition* target = nullptr;
  for (Condition& condition : conditions)
    if (condition.type == type) target = &condition;
  if (target == nullptr) {
    target = &conditions.emplace_back();
    target->type = std::string(type);
  }
  const bool transition = target->status != status;
  const bool changed = transition || target->reason != reason || target->message != message;
  if (transition) {
    target->status = std::string(status);
    target->last_transition_time = std::string(now);
  }
  target->reason = std::string(reason);
  target->message = std::string(message);
  return changed;
}

}  // namespace ordinal::identity
