#include "tools/api/request_selectors.hpp"

namespace ordinal::api {

identity::Result<RequestSelectors> parse_request_selectors(const RequestTarget& target,
                                                           const std::string& kind) {
  std::string error;
  auto labels = identity::LabelSelector::parse(target.param("labelSelector").value_or(""), &error);
  if (!labels) return identity::bad_request("unable to parse requirement: " + error);
  auto fields = FieldSelector::parse(target.param("fieldSelector").value_or(""), kind, &error);
  if (!fields) return identity::bad_request(error);
  return RequestSelectors{std::move(*labels), std::move(*fields)};
}

}  // namespace ordinal::api
