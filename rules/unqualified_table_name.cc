// unqualified-table-name: CREATE TABLE, CREATE TABLE … AS, ALTER TABLE (RENAME included) or DROP
// TABLE names a table without its schema.
#include <cctype>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/statement_label.h"
#include "sql/alter_table.h"
#include "sql/ddl.h"

namespace miglint::rules {
namespace {

// CREATE TEMP/TEMPORARY TABLE … AS: a temporary table lives in pg_temp whatever the search_path.
bool temporary_ctas(const std::string& text) {
  std::string head;
  for (char c : text.substr(0, 40)) head += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return head.find(" TEMP") != std::string::npos;
}

}  // namespace

void check_unqualified_table_name(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const sql::Statement& st = s.statement();
    std::vector<std::string> tables;
    if (auto t = sql::as_create_table(st)) {
      if (!t->temporary && t->relation.schema.empty()) tables.push_back(t->relation.name);
    } else if (auto ctas = sql::as_create_table_as(st)) {
      if (!ctas->materialized_view && !temporary_ctas(st.text) && ctas->relation.schema.empty())
        tables.push_back(ctas->relation.name);
    } else if (auto a = sql::as_alter_table(st)) {
      if (a->object_type == sql::ObjectType::Table && a->relation.schema.empty())
        tables.push_back(a->relation.name);
    } else if (auto d = sql::as_drop(st)) {
      if (d->object_type == sql::ObjectType::Table)
        for (const auto& o : d->objects)
          if (o.schema.empty()) tables.push_back(o.name);
    } else if (auto r = sql::as_rename(st)) {
      // ALTER TABLE t RENAME [COLUMN a] TO b, RENAME CONSTRAINT …: PostgreSQL parses these apart
      // from ALTER TABLE, but they name the table the same way.
      bool on_table = r->object_type == sql::ObjectType::Table || r->object_type == sql::ObjectType::Column ||
                      r->object_type == sql::ObjectType::TableConstraint;
      if (on_table && r->target.schema.empty()) tables.push_back(r->target.name);
    }
    for (const auto& table : tables)
      m.report(ctx, s,
               fmt::format("{} names table \"{}\" without a schema: which table that is depends on the "
                           "search_path of the connection that runs the migration",
                           statement_label(st), table),
               fmt::format("Name the schema: op.* calls take schema=\"public\" (op.create_table(\"{0}\", …, "
                           "schema=\"public\"), op.add_column(\"{0}\", …, schema=\"public\")); in SQL write "
                           "public.{0}",
                           table));
  }
}

}  // namespace miglint::rules
