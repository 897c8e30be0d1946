// multiple-heads: more than one head on one line of history (unlabelled, or sharing a label).
#include <fmt/format.h>

#include "rules/end_group_report.h"

namespace miglint::rules {
namespace {

std::string help(const std::vector<std::string>& ids) {
  return fmt::format("Merge them into one head with `alembic merge -m \"merge heads\" {}`, or give each line "
                     "its own `branch_labels` if they are meant to stay apart",
                     fmt::join(ids, " "));
}

}  // namespace

void check_multiple_heads(const alembic::Project& project, lint::RuleContext& ctx) {
  report_end_groups(project, ctx, project.graph.head_conflicts(),
                    {"heads", "head", &alembic::Revision::revision, &help});
}

}  // namespace miglint::rules
