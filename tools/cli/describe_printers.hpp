#pragma once
// The per-kind describe printers behind describe_object (describe.hpp); each writes the body
// of its kind's layout, describe_object adds the Events section.
#include "tools/cli/describe.hpp"
#include "tools/cli/table_printer.hpp"

namespace ordinal::cli {

/// `context.related`: the set's pods.
void describe_stateful_set(TabWriter& w, const DescribeContext& context);
void describe_pod(TabWriter& w, const DescribeContext& context);
/// `context.related`: the pods that mount the claim.
void describe_claim(TabWriter& w, const DescribeContext& context);
void describe_volume(TabWriter& w, const DescribeContext& context);
/// `context.related`: the service's EndpointSlices.
void describe_service(TabWriter& w, const DescribeContext& context);
/// Name, Namespace, Labels, Annotations: for kinds without a dedicated layout.
void describe_generic(TabWriter& w, const DescribeContext& context);

}  // namespace ordinal::cli
