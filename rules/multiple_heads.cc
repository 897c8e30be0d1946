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

// `check --since` after merging the target branch: the branch's head and the target's head.
void since_wording(const std::vector<std::string>& changed, const std::vector<std::string>& others,
                   std::string& message, std::string& help) {
  auto quoted = [](const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const auto& id : ids) out.push_back(fmt::format("`{}`", id));
    return fmt::format("{}", fmt::join(out, ", "));
  };
  message = fmt::format("This branch's revision {} and the current head {} are both heads", quoted(changed),
                        quoted(others));
  std::vector<std::string> all = changed;
  all.insert(all.end(), others.begin(), others.end());
  help = fmt::format("Put `{0}` on top of `{1}`: `miglint rebase {0} --onto {1}` rewrites its `down_revision` "
                     "and `Revises:` line (or merge them with `alembic merge -m \"merge heads\" {2}`)",
                     changed.front(), others.front(), fmt::join(all, " "));
}

}  // namespace

void check_multiple_heads(const alembic::Project& project, lint::RuleContext& ctx) {
  report_end_groups(project, ctx, project.graph.head_conflicts(),
                    {"heads", "head", &alembic::Revision::revision, &help, &since_wording});
}

}  // namespace miglint::rules
