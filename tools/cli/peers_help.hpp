#pragma once
// The `ordinal peers --help` footer: one example per format, the template placeholders and the
// barrier's behaviour.
#include <string>

namespace ordinal::cli {

/// Text printed after the flags of `ordinal peers --help`.
std::string peers_help_footer();

}  // namespace ordinal::cli
