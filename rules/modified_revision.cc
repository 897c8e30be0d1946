// modified-revision (`check --since` only): a revision that already existed where the branch
// started now runs different SQL. Databases that applied it never run it again, so the change
// reaches only new databases and the schemas drift. The two versions are compared as the SQL
// they lower to, normalised by libpg_query, so comments, the docstring and formatting can change.
#include <fmt/format.h>

#include <algorithm>

#include "alembic/lowered.h"
#include "alembic/op_call.h"
#include "alembic/project.h"
#include "lint/rule.h"
#include "sql/revision_sql.h"

namespace miglint::rules {
namespace {

using alembic::Phase;

struct PhaseStatement {
  std::string key;    // what is compared: the normalised statement
  std::string shown;  // what a note quotes: the statement as lowered
  Span origin;        // the op call (or literal) it came from
};

struct PhaseView {
  std::vector<PhaseStatement> statements;
  // Expressions miglint could not evaluate (dynamic-sql): compared by their source text, with
  // whitespace removed, since what they run is unknown.
  std::vector<PhaseStatement> dynamic;
};

std::string without_whitespace(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > 200) out = out.substr(0, 197) + "...";
  return out;
}

PhaseView view(const alembic::Revision& revision, Phase phase) {
  PhaseView out;
  alembic::OpProgram program = alembic::evaluate_ops(revision, phase);
  alembic::LoweredProgram lowered = alembic::lower_ops(revision, program);
  sql::RevisionSql parsed = sql::parse_revision_sql(revision, lowered.statements);
  size_t next = 0;
  for (size_t i = 0; i < lowered.statements.size(); ++i) {
    const alembic::LoweredStatement& l = lowered.statements[i];
    bool any = false;
    for (; next < parsed.statements.size() && parsed.statements[next].lowered_index == i; ++next) {
      const sql::Statement& st = parsed.statements[next].statement;
      out.statements.push_back({st.normalized(), one_line(st.text), l.origin});
      any = true;
    }
    // SQL that does not parse (sql-syntax-error reports it) is still compared, as written.
    if (!any) out.statements.push_back({one_line(l.sql), one_line(l.sql), l.origin});
  }
  for (const alembic::Unanalyzable& u : program.unanalyzable) {
    std::string_view text = revision.file->slice(u.span);
    out.dynamic.push_back({without_whitespace(text), one_line(text), u.span});
  }
  return out;
}

constexpr const char* kHelp =
    "Databases that already ran this revision will not run it again, so the edit reaches only new "
    "databases and the schemas drift apart. Revert this change and make it in a new revision "
    "(`alembic revision -m \"...\"`)";

// Reports the first difference of one list of statements; returns whether there was one.
bool compare(const std::vector<PhaseStatement>& old_list, const std::vector<PhaseStatement>& new_list,
             const alembic::Revision& now, const alembic::Function& function, std::string_view phase_name,
             const alembic::SinceBase& since, lint::RuleContext& ctx) {
  size_t n = std::min(old_list.size(), new_list.size());
  size_t i = 0;
  while (i < n && old_list[i].key == new_list[i].key) ++i;
  if (i == old_list.size() && i == new_list.size()) return false;
  std::string rev = now.id().empty() ? now.file->path() : fmt::format("`{}`", now.id());
  if (i < new_list.size()) {
    auto& d = ctx.report({now.file, new_list[i].origin, {}},
                         fmt::format("Revision {} existed at `{}`, and this statement of its {}() changed",
                                     rev, since.ref, phase_name),
                         kHelp);
    d.origin = new_list[i].origin;
    d.notes.push_back({i < old_list.size() ? fmt::format("was: {}", old_list[i].shown)
                                           : std::string("was: nothing (the statement is new)"),
                       std::nullopt});
    d.notes.push_back({fmt::format("now: {}", new_list[i].shown), std::nullopt});
  } else {
    auto& d = ctx.report({now.file, function.name_span, {}},
                         fmt::format("Revision {} existed at `{}`, and its {}() no longer runs a statement it ran",
                                     rev, since.ref, phase_name),
                         kHelp);
    d.notes.push_back({fmt::format("was: {}", old_list[i].shown), std::nullopt});
  }
  return true;
}

}  // namespace

void check_modified_revision(const alembic::Project& project, lint::RuleContext& ctx) {
  if (!project.since) return;  // needs the merge base: `check --since REF`
  for (const alembic::BaseRevision& base : project.since->revisions) {
    auto now = std::find_if(project.revisions.begin(), project.revisions.end(), [&](const alembic::Revision& r) {
      return r.file && r.file->path() == base.path;
    });
    if (now == project.revisions.end() || !ctx.in_scope(*now)) continue;
    // A file that does not parse now (python-syntax-error) or did not then has no trustworthy body.
    if (!now->module || !now->parsed_cleanly() || !base.revision.module || !base.revision.parsed_cleanly()) continue;
    for (auto [phase, function, name] : {std::tuple{Phase::Upgrade, &now->upgrade, "upgrade"},
                                         std::tuple{Phase::Downgrade, &now->downgrade, "downgrade"}}) {
      PhaseView old_view = view(base.revision, phase);
      PhaseView new_view = view(*now, phase);
      if (!compare(old_view.statements, new_view.statements, *now, *function, name, *project.since, ctx))
        compare(old_view.dynamic, new_view.dynamic, *now, *function, name, *project.since, ctx);
    }
  }
}

}  // namespace miglint::rules
