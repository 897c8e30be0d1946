// PLACEHOLDER until the command lands.
#include "cli/dump.h"
namespace miglint::cli {
int run_dump(const DumpOptions&) { return 2; }
}
