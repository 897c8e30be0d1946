// missing-revision-variable: a revision file without `revision` or `down_revision`.
#include <fmt/format.h>

#include <regex>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {
namespace {

std::string file_name(const alembic::Revision& rev) {
  if (!rev.file) return {};
  const std::string& p = rev.file->path();
  auto slash = p.find_last_of('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

}  // namespace

void check_missing_revision_variable(const alembic::Project& project, lint::RuleContext& ctx) {
  // Alembic 1.8 (Script._from_filename) falls back to a legacy file name `<hex>.py` when
  // `revision` is absent; without it, it stops with "Could not determine revision id".
  static const std::regex legacy_name("[a-f0-9]+\\.py");
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev) || !rev.file || !rev.parsed_cleanly()) continue;
    Location top{rev.file, Span{0, 0}, {}};
    if (rev.revision.form == alembic::ValueForm::Absent) {
      bool legacy = std::regex_match(file_name(rev), legacy_name);
      ctx.report(top, "The revision file has no `revision` variable",
                 legacy ? "Alembic takes the id from the legacy file name, a pre-0.2 convention; declare "
                          "`revision = \"<id>\"` at module level"
                        : "Alembic stops with \"Could not determine revision id from filename\"; declare "
                          "`revision = \"<id>\"` at module level");
    }
    if (rev.down_revision.form == alembic::ValueForm::Absent) {
      Location at = rev.revision.form == alembic::ValueForm::Absent ? top
                                                                     : Location{rev.file, rev.revision.span, {}};
      ctx.report(at, "The revision file has no `down_revision` variable",
                 "Alembic reads `module.down_revision` unconditionally and fails with an AttributeError; "
                 "declare `down_revision = \"<previous id>\"`, or `down_revision = None` for a base");
    }
  }
}

}  // namespace miglint::rules
