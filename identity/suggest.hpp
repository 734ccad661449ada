#pragma once
// Near-name suggestions for typos in field names, kinds and values: `clusterIp` -> `clusterIP`,
// `volumeMount` -> `volumeMounts`.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ordinal::identity {

/// The candidate closest to `word`: a case-insensitive match first, else the smallest edit
/// distance (insert, delete, replace, swap of neighbours) if it is small for the word's length
/// (1 for words up to 4 characters, 2 up to 8, 3 beyond). Ties go to the earlier candidate.
/// nullopt when nothing is close. Pure function.
std::optional<std::string> suggest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// `; did you mean "x"?` when a suggestion exists, else "". For appending to messages.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Optimal-string-alignment distance between `a` and `b`. Pure function.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace ordinal::identity
