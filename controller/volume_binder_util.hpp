#pragma once
// Small predicates shared by the two halves of the volume binder (claims and volumes).
#include <string>
#include <string_view>

#include "identity/api_error.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::controller {

inline bool has_annotation(const identity::ObjectMeta& meta, std::string_view key) {
  return meta.annotations.count(std::string(key)) > 0;
}

}  // namespace ordinal::controller
