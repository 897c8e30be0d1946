// PLACEHOLDER until the command lands.
#include "cli/check.h"
namespace miglint::cli {
int run_check(const CheckOptions&) { return 2; }
}
