#pragma once
// Durations as people type them on the command line and in annotations ("500ms", "1m30s"),
// shared by `serve` flags and the simulated kubelet's per-pod annotations.
#include <chrono>
#include <string>

namespace ordinal::identity {

/// "1s", "500ms", "2m", "1h30m", "1.5s", "0". Throws std::invalid_argument naming the text and
/// the accepted units.
std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace ordinal::identity
