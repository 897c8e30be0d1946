// PLACEHOLDER until the rule lands: keeps the registry linkable.
#include "alembic/project.h"
#include "lint/rule.h"
namespace miglint::rules {
void check_multiple_heads(const alembic::Project&, lint::RuleContext&) {}
}
