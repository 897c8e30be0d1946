// invalid-revision-id: a revision id or branch label Alembic cannot load or address.
#include <fmt/format.h>

#include <algorithm>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {
namespace {

// alembic_version.version_num is VARCHAR(32) in the table Alembic creates.
constexpr std::size_t kVersionNumWidth = 32;

// Characters that break addressing. Alembic 1.8's Revision.verify_rev_id rejects `@ - +` in
// ids; `:` separates a range in `alembic history -r a:b`, and `@` is `label@rev` syntax.
std::string bad_chars(const std::string& value) {
  std::string out;
  for (char c : std::string_view("+-:@"))
    if (value.find(c) != std::string::npos) out += c;
  return out;
}

bool reserved(const std::string& value) { return value == "head" || value == "heads" || value == "base"; }

void check_value(const alembic::Revision& rev, const alembic::StringValue& v, bool is_label, lint::RuleContext& ctx) {
  const char* what = is_label ? "Branch label" : "Revision id";
  Location at{rev.file, v.span, {}};
  if (v.value.empty()) {
    ctx.report(at, fmt::format("{} is an empty string", what),
               is_label ? "Remove the empty label from `branch_labels`"
                        : "Alembic treats an empty id as no revision; set `revision` to a fresh id such as "
                          "uuid4().hex[-12:]");
    return;
  }
  if (std::string chars = bad_chars(v.value); !chars.empty()) {
    std::vector<std::string> listed;
    for (char c : chars) listed.push_back(fmt::format("`{}`", c));
    bool rejected = !is_label && chars.find_first_of("+-@") != std::string::npos;
    ctx.report(at, fmt::format("{} `{}` contains {}", what, v.value, fmt::join(listed, ", ")),
               rejected ? "Alembic refuses to load it (\"Character(s) not allowed in revision identifier\"); "
                          "use only letters, digits and `_`"
                        : "Alembic reads `@`, `+`, `-` and `:` as revision syntax (`label@rev`, `rev+1`, "
                          "`a:b`), so this name cannot be addressed on the command line; use only letters, "
                          "digits and `_`");
  } else if (reserved(v.value)) {
    ctx.report(at, fmt::format("{} `{}` is one of Alembic's reserved names", what, v.value),
               "`head`, `heads` and `base` are symbols for `alembic upgrade`/`downgrade`, so a revision or "
               "label with that name cannot be addressed; rename it");
  }
  if (!is_label && v.value.size() > kVersionNumWidth) {
    ctx.report(at, fmt::format("Revision id `{}` is {} characters long, more than the {} of "
                               "`alembic_version.version_num`",
                               v.value, v.value.size(), kVersionNumWidth),
               "Alembic loads it, but `alembic upgrade` fails when it writes the id into the VARCHAR(32) "
               "column `alembic_version.version_num`; use a shorter id (Alembic generates 12 hex digits)");
  }
}

}  // namespace

void check_invalid_revision_id(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev)) continue;
    if (rev.revision.form == alembic::ValueForm::String)
      for (const auto& v : rev.revision.values) check_value(rev, v, false, ctx);
    if (rev.revision.form == alembic::ValueForm::Sequence || rev.revision.form == alembic::ValueForm::None)
      ctx.report({rev.file, rev.revision.value_span, {}},
                 rev.revision.form == alembic::ValueForm::None ? "Revision id is None" : "Revision id is a sequence, not a string",
                 "Alembic needs one string id per file (it is written to `alembic_version.version_num`); "
                 "set `revision = \"<id>\"`");
    if (rev.branch_labels.form == alembic::ValueForm::String || rev.branch_labels.form == alembic::ValueForm::Sequence)
      for (const auto& v : rev.branch_labels.values) check_value(rev, v, true, ctx);
  }
}

}  // namespace miglint::rules
