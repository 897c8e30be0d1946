// multiple-bases: more than one base on one line of history (unlabelled, or sharing a label).
#include "rules/end_group_report.h"

namespace miglint::rules {
namespace {

std::string help(const std::vector<std::string>&) {
  return "Point each extra base's `down_revision` at the revision it builds on, or, if it starts an "
         "independent line on purpose, give that line its own `branch_labels` (and `depends_on` "
         "if it needs the other line's tables)";
}

}  // namespace

void check_multiple_bases(const alembic::Project& project, lint::RuleContext& ctx) {
  report_end_groups(project, ctx, project.graph.base_conflicts(),
                    {"bases", "base", &alembic::Revision::down_revision, &help});
}

}  // namespace miglint::rules
