#pragma once
// The stages that decide an answer (STYLE rule 3). Each stage either finishes the plan and
// returns true, or leaves it and returns false so the next stage runs. Their order is the list
// in query_stages.cpp: EDNS version -> class -> transfer -> zone match -> name lookup.
#include "dns/answer_plan.hpp"
#include "dns/query_parser.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

/// Runs the stages in order on a parsed query. `snapshot` may be null (nothing published yet:
/// SERVFAIL). `forward_outside`: names outside our zones are forwarded instead of REFUSED.
/// Pure; safe from any thread.
AnswerPlan plan_answer(const ParsedQuery& query, const zones::ZoneSnapshot* snapshot,
                       bool forward_outside);

/// Starts loading from memory what plan_answer() will read for `query` in its zone's name
/// table (see handle_queries). No effect on any result. Pure; safe from any thread.
void prefetch_answer(const ParsedQuery& query, const zones::ZoneSnapshot& snapshot);

}  // namespace ordinal::dns
