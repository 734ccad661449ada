#pragma once
// The command line: parses argv, runs one verb, returns the process exit status.

namespace ordinal::cli {

/// Runs `ordinal <verb> ...`. Never throws: errors print one line on stderr and return 1.
int run(int argc, char** argv);

}  // namespace ordinal::cli
