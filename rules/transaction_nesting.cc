// transaction-nesting: BEGIN, COMMIT, ROLLBACK (END, ABORT, START TRANSACTION, PREPARE
// TRANSACTION) written in a migration's SQL, where they fight the transaction Alembic manages;
// and a BEGIN in an autocommit block that is never committed. SAVEPOINT, RELEASE and
// ROLLBACK TO stay inside the transaction and are not reported.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "sql/utility.h"

namespace miglint::rules {
namespace {

using Kind = sql::TransactionKind;

constexpr const char* kManagedHelp =
    "Leave the transaction to Alembic. To commit part of a migration on its own, run that part in "
    "an autocommit block (or split the revision in two):\n"
    "    with op.get_context().autocommit_block():\n"
    "        op.execute(\"...\")";

constexpr const char* kAutocommitHelp =
    "In an autocommit block each statement commits on its own; to run several as one transaction, "
    "write BEGIN before them and COMMIT after them, both inside the block";

bool begins(Kind k) { return k == Kind::Begin || k == Kind::Start; }
bool ends(Kind k) { return k == Kind::Commit || k == Kind::Rollback || k == Kind::Prepare; }

// The keyword as written in messages (END parses as COMMIT, ABORT as ROLLBACK).
std::string_view keyword(Kind k) {
  switch (k) {
    case Kind::Begin: return "BEGIN";
    case Kind::Start: return "START TRANSACTION";
    case Kind::Commit: return "COMMIT";
    case Kind::Rollback: return "ROLLBACK";
    case Kind::Prepare: return "PREPARE TRANSACTION";
    default: return "";
  }
}

}  // namespace

void check_transaction_nesting(const lint::Migration& m, lint::RuleContext& ctx) {
  const bool shared = !m.session().transaction_per_migration;
  // A BEGIN written inside an autocommit block that no COMMIT or ROLLBACK has ended yet.
  const lint::MigrationStatement* open = nullptr;
  auto report_unended = [&](const lint::MigrationStatement& begin) {
    m.report(ctx, begin,
             fmt::format("{} in an autocommit block is never ended by COMMIT or ROLLBACK: the statements after "
                         "it do not commit one by one as the block promises, they join the migration's next "
                         "transaction and are lost if a later statement fails",
                         keyword(*sql::as_transaction(begin.statement()))),
             "End the transaction inside the autocommit block:\n"
             "    with op.get_context().autocommit_block():\n"
             "        op.execute(\"BEGIN\")\n"
             "        op.execute(\"...\")\n"
             "        op.execute(\"COMMIT\")");
  };
  for (const auto& s : m.statements()) {
    if (s.in_transaction() && open) {
      report_unended(*open);
      open = nullptr;
    }
    auto tx = sql::as_transaction(s.statement());
    if (!tx || (!begins(*tx) && !ends(*tx))) continue;
    std::string_view kw = keyword(*tx);
    if (s.in_transaction()) {
      std::string message;
      if (begins(*tx)) {
        message = fmt::format("{} inside the migration's transaction does nothing: Alembic has already opened one, "
                              "and PostgreSQL only warns \"there is already a transaction in progress\"", kw);
      } else if (*tx == Kind::Rollback) {
        message = fmt::format("ROLLBACK inside the migration's transaction silently undoes everything run before it "
                              "in that transaction{}, and the rest of the migration then runs outside any "
                              "transaction, each statement committed on its own",
                              shared ? " (with it the revisions applied before this one in the same `alembic upgrade`, "
                                       "which share the transaction unless env.py sets transaction_per_migration=True)"
                                     : "");
      } else {
        message = fmt::format("{} inside the migration's transaction ends the transaction Alembic opened: what ran "
                              "before it is committed{}, and the statements after it run outside any transaction, "
                              "each committed on its own; if one of them fails the revision is half applied and "
                              "alembic_version still names the previous revision",
                              kw, shared ? " (with the revisions applied before this one in the same `alembic upgrade`)" : "");
      }
      m.report(ctx, s, std::move(message), kManagedHelp);
    } else if (begins(*tx)) {
      if (open) {
        m.report(ctx, s,
                 fmt::format("{} while the transaction opened by an earlier {} in the autocommit block is still "
                             "open does nothing: PostgreSQL only warns \"there is already a transaction in progress\"",
                             kw, keyword(*sql::as_transaction(open->statement()))),
                 kAutocommitHelp);
      } else {
        open = &s;
      }
    } else if (open) {
      open = nullptr;
    } else {
      m.report(ctx, s,
               fmt::format("{} in an autocommit block with no BEGIN before it does nothing: each statement there "
                           "has already committed, and PostgreSQL only warns \"there is no transaction in progress\"",
                           kw),
               kAutocommitHelp);
    }
  }
  if (open) report_unended(*open);
}

}  // namespace miglint::rules
