// The ordinal executable: server (`ordinal serve`) and client in one binary.
#include "tools/cli/app.hpp"

int main(int argc, char** argv) {
  return ordinal::cli::run(argc, argv);
}
