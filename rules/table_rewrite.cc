// table-rewrite: VACUUM FULL and CLUSTER, which rewrite a table under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "sql/utility.h"

namespace miglint::rules {
namespace {

constexpr const char* kHelp =
    "Rewrite the table outside the migration with pg_repack or pg_squeeze, which copy it while "
    "reads and writes go on and hold ACCESS EXCLUSIVE only for a moment at the end:\n"
    "    pg_repack --table=public.table_name --dbname=app\n"
    "(for CLUSTER, add --order-by=column or use pg_repack's default of the clustered index)";

// "takes ACCESS EXCLUSIVE on "a" and rewrites it: …", for one table, or for several that
// VACUUM processes one after the other (committing after each).
std::string lock_sentence(const std::vector<std::string>& tables, bool in_transaction) {
  if (tables.size() == 1)
    return lint::describe_lock({tables.front(), sql::LockMode::AccessExclusive, sql::Work::Rewrite, ""}, in_transaction);
  std::string list;
  for (const auto& t : tables) list += (list.empty() ? "\"" : ", \"") + t + "\"";
  return fmt::format("takes ACCESS EXCLUSIVE on {} in turn and rewrites each: {} of each table while it is "
                     "rewritten", list, sql::blocks_description(sql::LockMode::AccessExclusive));
}

}  // namespace

void check_table_rewrite(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    std::string message;
    if (auto v = sql::as_vacuum(s.statement()); v && v->vacuum && v->full) {
      std::vector<std::string> tables;
      // A table created earlier in this revision has no readers or writers yet.
      for (const auto& r : v->relations)
        if (!m.created_before(r, s.index)) tables.push_back(r.str());
      if (!v->relations.empty() && tables.empty()) continue;
      // VACUUM commits as it goes, so PostgreSQL refuses it in a transaction block.
      message = v->relations.empty()
          ? "VACUUM FULL without a table rewrites every table of the database, each under ACCESS EXCLUSIVE: "
            "blocks reads and writes of each table while it is rewritten"
          : "VACUUM FULL " + lock_sentence(tables, false);
      if (s.in_transaction())
        message += "; it also cannot run inside the migration's transaction (\"VACUUM cannot run inside a "
                   "transaction block\")";
    } else if (auto c = sql::as_cluster(s.statement())) {
      if (c->relation.empty()) {
        message = "CLUSTER without a table rewrites every table clustered before, each under ACCESS EXCLUSIVE: "
                  "blocks reads and writes of each table while it is rewritten";
        if (s.in_transaction())
          message += "; it also cannot run inside the migration's transaction (\"CLUSTER cannot run inside a "
                     "transaction block\")";
      } else {
        if (m.created_before(c->relation, s.index)) continue;
        message = "CLUSTER " + lock_sentence({c->relation.str()}, s.in_transaction());
      }
    } else {
      continue;
    }
    m.report(ctx, s, std::move(message), kHelp);
  }
}

}  // namespace miglint::rules
