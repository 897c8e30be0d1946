// PLACEHOLDER until the command lands.
#include "cli/rules_command.h"
namespace miglint::cli {
int run_rules(const std::string&) { return 2; }
int run_explain(const std::string&) { return 2; }
}
