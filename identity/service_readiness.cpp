#include "identity/service_readiness.hpp"

#include <string>

namespace ordinal::identity {

bool publishes_not_ready(const Service& service) {
  auto annotation = service.metadata.annotations.find(std::string(kTolerateUnreadyAnnotation));
  return service.publishes_not_ready() ||
         (annotation != service.metadata.annotations.end() && annotation->second == "true");
}

}  // namespace ordinal::identity
