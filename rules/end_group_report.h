// Shared by multiple-heads and multiple-bases: one finding per group of heads (or bases) that
// share a line of history, with a note at each member.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

struct EndGroupWording {
  std::string_view plural;    // "heads"
  std::string_view singular;  // "head"
  // The variable whose value the finding and its notes point at.
  alembic::RevisionVariable alembic::Revision::*variable;
  // The remedy, given the ids of the group.
  std::string (*help)(const std::vector<std::string>& ids);
  // `check --since`, for a group mixing revisions the branch changed with others: sets the
  // message and remedy naming both sides (null: the wording above in every mode).
  void (*since)(const std::vector<std::string>& changed, const std::vector<std::string>& others,
                std::string& message, std::string& help) = nullptr;
};

void report_end_groups(const alembic::Project& project, lint::RuleContext& ctx,
                       const std::vector<alembic::EndGroup>& groups, const EndGroupWording& wording);

}  // namespace miglint::rules
