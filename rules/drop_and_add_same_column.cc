// drop-and-add-same-column: one revision drops a column and adds a column of the same name to
// the same table, which replaces the data with NULLs (or the default).
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {

using destructive::py;
using destructive::py_schema;
using destructive::quote_name;

namespace {

// The first statement after `from` that adds `column` to the table `key`.
const lint::MigrationStatement* later_add(const lint::Migration& m, std::size_t from, const std::string& key,
                                          const std::string& column) {
  for (std::size_t i = from; i < m.statements().size(); ++i) {
    const auto& s = m.statements()[i];
    const auto& alter = s.alter_table();
    if (!alter || lint::relation_key(alter->relation) != key) continue;
    for (const auto& cmd : alter->commands)
      if (cmd.type == sql::AlterTableType::AddColumn && cmd.column && cmd.column->name == column) return &s;
  }
  return nullptr;
}

}  // namespace

void check_drop_and_add_same_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    for (const auto& cmd : alter->commands) {
      if (cmd.type != sql::AlterTableType::DropColumn) continue;
      // A column the revision added itself holds nothing to lose.
      if (destructive::column_is_new(m, table, cmd.name, s.index)) continue;
      // The ADD may be a later subcommand of the same ALTER TABLE.
      const lint::MigrationStatement* add = later_add(m, s.index, lint::relation_key(table), cmd.name);
      if (!add) continue;
      auto& d = m.report(
          ctx, s,
          fmt::format("column {} of {} is dropped and added again in this revision: every row's value is lost "
                      "(the new column starts NULL or at its default), and the application version still "
                      "running reads the emptied column",
                      quote_name(cmd.name), quote_name(table.str())),
          fmt::format("Change the column in place, which keeps the data:\n"
                      "    op.alter_column({0}, {1}, type_=<new type>, postgresql_using=\"{2}::<new type>\"{3})  # a type change\n"
                      "    op.alter_column({0}, \"old_name\", new_column_name={1}{3})  # a rename (see rename-column)\n"
                      "or, without downtime, expand/contract: add a column under a new name, write both, backfill "
                      "it, switch reads, then drop the old one in a later revision",
                      py(table.name), py(cmd.name), cmd.name, py_schema(table)));
      if (add == &s)
        d.notes.push_back({fmt::format("the same ALTER TABLE adds {} again", quote_name(cmd.name)), std::nullopt});
      else
        d.notes.push_back({fmt::format("the column {} is added again here", quote_name(cmd.name)), m.location(*add)});
    }
  }
}

}  // namespace miglint::rules
