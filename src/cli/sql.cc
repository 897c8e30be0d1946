// PLACEHOLDER until the command lands.
#include "cli/sql.h"
namespace miglint::cli {
int run_sql(const SqlOptions&) { return 2; }
}
