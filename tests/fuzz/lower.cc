// Fuzz target: SQL lowering. The input is one revision module held in memory: its facts are
// extracted, upgrade() and downgrade() are evaluated statically into op calls, lowered to the
// SQL Alembic would print (one LowerState across both phases, as `miglint sql` renders a
// range), parsed by libpg_query, and each statement is read through the typed helpers and the
// lock model as rules read it.
//
// Invariants beyond "no crash, no exception, no hang":
// - op calls, unanalyzable findings, lowered origins and every diagnostic lie inside the file;
//   findings are dynamic-sql / unanalyzable-operation, syntax errors sql-syntax-error;
// - a lowered statement's source map is empty or has one in-file entry per SQL byte plus the end;
// - every parsed statement maps inside the file, comes from an existing lowered statement, and
//   its text is exactly its span of that statement's SQL.
#include <memory>
#include <string>
#include <vector>

#include "alembic/lowered.h"
#include "alembic/op_call.h"
#include "alembic/revision.h"
#include "alembic/revision_facts.h"
#include "fuzz_support.h"
#include "sql/locks.h"
#include "sql/revision_sql.h"

namespace {

using namespace miglint;
using namespace miglint::fuzz;

void check_program(const SourceFile& file, const alembic::OpProgram& program) {
  for (const alembic::OpCall& call : program.calls) {
    FUZZ_CHECK(!call.name.empty(), "an op call without a name");
    check_span(file, call.span, "op call " + call.name);
  }
  for (const alembic::Unanalyzable& u : program.unanalyzable) {
    FUZZ_CHECK(u.rule == "dynamic-sql" || u.rule == "unanalyzable-operation", "an unanalyzable finding of rule " + u.rule);
    FUZZ_CHECK(!u.message.empty(), "an unanalyzable finding without a message");
    check_span(file, u.span, "unanalyzable " + u.message);
  }
}

void check_lowered(const SourceFile& file, const alembic::LoweredProgram& lowered) {
  check_diagnostics(lowered.diagnostics, &file);
  for (const alembic::LoweredStatement& l : lowered.statements) {
    check_span(file, l.origin, "lowered statement " + l.sql.substr(0, 40));
    FUZZ_CHECK(l.source_map.empty() || l.source_map.size() == l.sql.size() + 1,
               "a source map of " + std::to_string(l.source_map.size()) + " entries for " +
                   std::to_string(l.sql.size()) + " bytes of SQL");
    for (uint32_t at : l.source_map) FUZZ_CHECK(at <= file.text().size(), "a SQL byte maps past the end of the file");
  }
}

void check_sql(const SourceFile& file, const alembic::LoweredProgram& lowered, const sql::RevisionSql& parsed) {
  check_diagnostics(parsed.diagnostics, &file);
  for (const Diagnostic& d : parsed.diagnostics)
    FUZZ_CHECK(d.rule == "sql-syntax-error", "a SQL parse problem reported as " + d.rule);
  for (const sql::RevisionStatement& st : parsed.statements) {
    const sql::Statement& s = st.statement;
    check_span(file, st.file_span, "statement " + s.text.substr(0, 40));
    FUZZ_CHECK(st.lowered_index < lowered.statements.size(), "a statement from no lowered statement");
    const std::string& text = lowered.statements[st.lowered_index].sql;
    FUZZ_CHECK(s.span.begin <= s.span.end && s.span.end <= text.size(), "a statement span outside its SQL");
    FUZZ_CHECK(text.compare(s.span.begin, s.span.size(), s.text) == 0, "a statement's text is not its span of the SQL");
    // What rules read, all of it: nothing here may throw on any tree libpg_query accepts.
    (void)s.kind();
    (void)s.relations();
    (void)s.has_where_clause();
    (void)s.normalized();
    for (int pg : {11, 15}) {
      for (const sql::LockInfo& lock : sql::locks_of(s, pg))
        FUZZ_CHECK(!lock.why.empty(), "a lock without a reason for " + std::string(s.kind()));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = std::make_shared<const SourceFile>("versions/fuzz.py",
                                                 std::string(reinterpret_cast<const char*>(data), size));
  std::vector<Diagnostic> diags;
  alembic::Revision revision = alembic::load_revision(file, diags);
  check_diagnostics(diags, file.get());
  if (!revision.module) return 0;

  // env.py's offline settings vary in real projects; take both from the input so each is fuzzed.
  alembic::LowerState state;
  state.literal_binds = size % 2 == 0;
  state.paramstyle = size % 3 == 0 ? "pyformat" : "named";
  for (alembic::Phase phase : {alembic::Phase::Upgrade, alembic::Phase::Downgrade}) {
    alembic::OpProgram program = alembic::evaluate_ops(revision, phase);
    check_program(*file, program);
    alembic::LoweredProgram lowered = alembic::lower_ops(revision, program, state);
    check_lowered(*file, lowered);
    sql::RevisionSql parsed = sql::parse_revision_sql(revision, lowered.statements);
    check_sql(*file, lowered, parsed);
  }
  return 0;
}
