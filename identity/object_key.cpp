#include "identity/object_key.hpp"

namespace ordinal::identity {

ObjectKey ObjectKey::of(const Json& object) {
  ObjectKey key;
  key.kind = object.value("kind", "");
  if (const auto m = object.find("metadata"); m != object.end() && m->is_object()) {
    key.ns = m->value("namespace", "");
    key.name = m->value("name", "");
  }
  return key;
}

}  // namespace ordinal::identity
