#pragma once
// Which endpoints of a Service count as ready whatever their pods say (dns.md §2.3). The
// EndpointSlice controller writes slices by this rule and the DNS zone lays pod state over them
// by the same rule, so both read it from here.
#include <string_view>

#include "identity/service.hpp"

namespace ordinal::identity {

/// Legacy annotation that dns.md §2.3 treats like `publishNotReadyAddresses: true`.
inline constexpr std::string_view kTolerateUnreadyAnnotation =
    "service.alpha.kubernetes.io/tolerate-unready-endpoints";

/// Every endpoint counts as ready: `publishNotReadyAddresses: true` or the legacy
/// tolerate-unready annotation set to "true".
[[nodiscard]] bool publishes_not_ready(const Service& service);

}  // namespace ordinal::identity
