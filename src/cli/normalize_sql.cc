// PLACEHOLDER until the command lands.
#include "cli/normalize_sql.h"
namespace miglint::cli {
int run_normalize_sql(const std::string&) { return 2; }
}
