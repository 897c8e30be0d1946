// non-concurrent-reindex: REINDEX without CONCURRENTLY on PostgreSQL 12+, where CONCURRENTLY
// exists (before 12 there is no alternative to suggest, so nothing is reported).
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/op_calls.h"
#include "sql/utility.h"

namespace miglint::rules {
namespace {

using Target = sql::ReindexInfo::Target;

std::string_view keyword(Target t) {
  switch (t) {
    case Target::Index: return "INDEX";
    case Target::Table: return "TABLE";
    case Target::Schema: return "SCHEMA";
    case Target::Database: return "DATABASE";
    case Target::System: return "SYSTEM";
    default: return "";
  }
}

// "public", "mydb", or "" for REINDEX DATABASE / SYSTEM without a name (PostgreSQL 15+).
std::string object_name(const sql::ReindexInfo& r) {
  return r.target == Target::Index || r.target == Target::Table ? r.relation.str() : r.name;
}

std::string concurrent_form(const sql::ReindexInfo& r) {
  std::string name = object_name(r);
  return fmt::format("REINDEX {} CONCURRENTLY{}{}", keyword(r.target), name.empty() ? "" : " ", name);
}

}  // namespace

void check_non_concurrent_reindex(const lint::Migration& m, lint::RuleContext& ctx) {
  if (m.pg_major() < 12) return;
  for (const auto& s : m.statements()) {
    auto r = sql::as_reindex(s.statement());
    if (!r || r->concurrent) continue;
    const std::string until = s.in_transaction() ? "COMMIT" : "the statement finishes";
    std::string message;
    if (r->target == Target::Index || r->target == Target::Table) {
      // An index or table created earlier in this revision is not in use by anyone yet.
      if (m.created_before(r->relation, s.index)) continue;
      // The planner opens every index of a table it plans a query for, so an ACCESS EXCLUSIVE
      // index lock stalls reads of the table too, not only the ones using that index.
      message = r->target == Target::Index
          ? fmt::format("REINDEX INDEX \"{}\" without CONCURRENTLY takes ACCESS EXCLUSIVE on the index and "
                        "SHARE on its table while it rebuilds it: blocks writes to the table, and every query "
                        "planned on it, until {}", r->relation.str(), until)
          : fmt::format("REINDEX TABLE \"{}\" without CONCURRENTLY takes SHARE on \"{}\" and ACCESS EXCLUSIVE "
                        "on each of its indexes while it rebuilds them: blocks writes, and every query planned "
                        "on the table, until {}", r->relation.str(), r->relation.str(), until);
    } else if (r->target == Target::Schema || r->target == Target::Database) {
      std::string name = object_name(*r);
      message = fmt::format("REINDEX {}{}{}{} without CONCURRENTLY rebuilds the indexes of every table in it, "
                            "taking SHARE on each table and ACCESS EXCLUSIVE on its indexes in turn: blocks "
                            "writes, and every query planned on the table being reindexed",
                            keyword(r->target), name.empty() ? "" : " \"", name, name.empty() ? "" : "\"");
    } else if (r->target == Target::System) {
      // No concurrent form: the system catalogs cannot be reindexed concurrently at all.
      message = "REINDEX SYSTEM takes ACCESS EXCLUSIVE on the system catalogs' indexes while it rebuilds "
                "them: blocks every session that needs the catalogs (which is every query) until it finishes";
    } else {
      continue;
    }
    // REINDEX SCHEMA / DATABASE / SYSTEM commit per table, so PostgreSQL refuses them in a
    // transaction block: the migration would fail before it locks anything.
    if (r->target != Target::Index && r->target != Target::Table && s.in_transaction())
      message += fmt::format("; it also cannot run inside the migration's transaction (\"REINDEX {} cannot "
                             "run inside a transaction block\")", keyword(r->target));
    std::string help;
    if (r->target == Target::System) {
      help = "Reindex the system catalogs outside migrations, in a maintenance window";
    } else {
      help = fmt::format(
          "Rebuild with CONCURRENTLY, outside the migration's transaction:\n"
          "    with op.get_context().autocommit_block():\n"
          "        op.execute({})\n"
          "REINDEX CONCURRENTLY builds each new index beside the old one and swaps them, blocking only "
          "schema changes; it cannot run inside a transaction, hence the autocommit block",
          python_string(concurrent_form(*r)));
    }
    m.report(ctx, s, std::move(message), std::move(help));
  }
}

}  // namespace miglint::rules
