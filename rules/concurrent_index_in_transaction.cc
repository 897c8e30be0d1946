// concurrent-index-in-transaction: CREATE INDEX / DROP INDEX / REINDEX / DETACH PARTITION …
// CONCURRENTLY where PostgreSQL refuses it: inside the migration's transaction, inside a
// BEGIN written in an autocommit block, or in one op.execute() string with other statements
// (a multi-statement query string runs as one implicit transaction).
#include <optional>

#include <fmt/format.h>

#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/python_edits.h"
#include "lint/rule.h"
#include "rules/op_calls.h"
#include "sql/alter_table.h"
#include "sql/ddl.h"
#include "sql/utility.h"

namespace miglint::rules {
namespace {

struct Concurrent {
  std::string command;  // as PostgreSQL names it in the error: "CREATE INDEX CONCURRENTLY"
  std::string example;  // the safe op call, for the help
};

std::optional<Concurrent> concurrent_statement(const sql::Statement& st) {
  if (auto ix = sql::as_index(st); ix && ix->concurrent) {
    std::string columns;
    for (const auto& c : ix->columns) columns += (columns.empty() ? "\"" : ", \"") + c + "\"";
    if (ix->has_expressions || ix->columns.empty()) columns = "...";
    return Concurrent{"CREATE INDEX CONCURRENTLY",
                      fmt::format("op.create_index(\"{}\", \"{}\", [{}]{}, postgresql_concurrently=True)",
                                  ix->name.empty() ? "ix_name" : ix->name, ix->table.name, columns,
                                  ix->table.schema.empty() ? "" : ", schema=\"" + ix->table.schema + "\"")};
  }
  if (auto d = sql::as_drop(st); d && d->concurrent && d->object_type == sql::ObjectType::Index) {
    sql::QualifiedName ix = d->objects.empty() ? sql::QualifiedName{"", "ix_name"} : d->objects.front();
    return Concurrent{"DROP INDEX CONCURRENTLY",
                      fmt::format("op.drop_index(\"{}\", table_name=\"table\"{}, postgresql_concurrently=True)",
                                  ix.name, ix.schema.empty() ? "" : ", schema=\"" + ix.schema + "\"")};
  }
  if (auto r = sql::as_reindex(st); r && r->concurrent)
    return Concurrent{"REINDEX CONCURRENTLY", fmt::format("op.execute({})", python_string(st.text))};
  if (auto a = sql::as_alter_table(st))
    for (const auto& c : a->commands)
      if (c.type == sql::AlterTableType::DetachPartition && c.concurrent)
        return Concurrent{"ALTER TABLE ... DETACH CONCURRENTLY", fmt::format("op.execute({})", python_string(st.text))};
  return std::nullopt;
}

// How many statements came from the same op.execute() string.
size_t statements_in_string(const lint::Migration& m, const lint::MigrationStatement& s) {
  size_t n = 0;
  for (const auto& other : m.statements())
    if (other.source->lowered_index == s.source->lowered_index) ++n;
  return n;
}

}  // namespace

void check_concurrent_index_in_transaction(const lint::Migration& m, lint::RuleContext& ctx) {
  // A BEGIN written inside an autocommit block opens a transaction there too.
  const lint::MigrationStatement* explicit_begin = nullptr;
  for (const auto& s : m.statements()) {
    if (s.in_transaction()) explicit_begin = nullptr;
    if (auto tx = sql::as_transaction(s.statement()); tx && !s.in_transaction()) {
      if (*tx == sql::TransactionKind::Begin || *tx == sql::TransactionKind::Start) explicit_begin = &s;
      if (*tx == sql::TransactionKind::Commit || *tx == sql::TransactionKind::Rollback ||
          *tx == sql::TransactionKind::Prepare)
        explicit_begin = nullptr;
      continue;
    }
    auto c = concurrent_statement(s.statement());
    if (!c) continue;
    std::string error = fmt::format("\"{} cannot run inside a transaction block\"", c->command);
    std::string help = fmt::format(
        "Run it in an autocommit block, outside the migration's transaction:\n"
        "    with op.get_context().autocommit_block():\n"
        "        {}\n"
        "Alembic commits the work before the block and opens a new transaction after it; "
        "transaction_per_migration in env.py does not help, each migration still runs in a transaction",
        c->example);
    if (s.in_transaction()) {
      auto& d = m.report(ctx, s,
                         fmt::format("{} runs inside the migration's transaction: PostgreSQL refuses it "
                                     "with {} and the migration fails", c->command, error),
                         help);
      // Wrapping the call is what makes the statement run at all, so the fix is safe when the
      // call is a plain op.* call that runs only this statement and stands alone on its lines
      // (wrap_in_autocommit_block checks the last).
      const python::Node* call = m.op_call(s);
      if (!is_op_call(call) || !only_statement_of_call(m, s)) continue;
      std::vector<Edit> edits = lint::wrap_in_autocommit_block(*m.revision().file, *call);
      if (!edits.empty()) d.fix = Fix{"Run it in an autocommit block", true, std::move(edits)};
    } else if (explicit_begin) {
      auto& d = m.report(ctx, s,
                         fmt::format("{} runs inside the transaction opened by a BEGIN written in the "
                                     "autocommit block: PostgreSQL refuses it with {} and the migration fails",
                                     c->command, error),
                         "Leave BEGIN out: in an autocommit block each statement commits on its own");
      d.notes.push_back({"the BEGIN", m.location(*explicit_begin)});
    } else if (statements_in_string(m, s) > 1) {
      m.report(ctx, s,
               fmt::format("{} shares one op.execute() string with other statements: PostgreSQL runs a "
                           "multi-statement string as one implicit transaction and refuses it with {}",
                           c->command, error),
               "Give it an op.execute() call of its own inside the autocommit block:\n"
               "    with op.get_context().autocommit_block():\n"
               "        op.execute(\"CREATE INDEX CONCURRENTLY ix_a ON t (a)\")\n"
               "        op.execute(\"CREATE INDEX CONCURRENTLY ix_b ON t (b)\")");
    }
  }
}

}  // namespace miglint::rules
