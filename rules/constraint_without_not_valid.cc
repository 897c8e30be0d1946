// constraint-without-not-valid: a CHECK or FOREIGN KEY added to an existing table without NOT
// VALID, so PostgreSQL checks every existing row while it holds the lock of the ALTER TABLE.
#include <fmt/format.h>

#include "alembic/pg_identifier.h"
#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/python_edits.h"
#include "lint/rule.h"
#include "rules/op_calls.h"
#include "python/ast.h"
#include "rules/constraint_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {
namespace {

using sql::ConstraintType;
using sql::LockMode;
using sql::Work;

constexpr std::string_view kValidateLater =
    "then validate the existing rows in a separate transaction (a later revision deployed on its "
    "own: with env.py's default, the revisions of one `alembic upgrade` share a transaction), or "
    "right after, in an autocommit block, which commits the ADD first:\n";

std::string validate_step(const sql::QualifiedName& table, const std::string& name) {
  return fmt::format(
      "    with op.get_context().autocommit_block():\n"
      "        op.execute(\"ALTER TABLE {} VALIDATE CONSTRAINT {}\")\n",
      table.str(), name.empty() ? "<constraint>" : name);
}

std::string check_help(const sql::QualifiedName& table, const std::string& name) {
  return fmt::format(
      "Add the check NOT VALID: it then holds ACCESS EXCLUSIVE only for a catalogue change and "
      "checks new and updated rows from then on;\n"
      "    op.create_check_constraint({}, {}, \"...\"{}, postgresql_not_valid=True)\n"
      "{}{}"
      "VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: reads and writes continue while it scans",
      py_str(name.empty() ? "ck_name" : name), py_str(table.name), py_schema(table), kValidateLater,
      validate_step(table, name));
}

std::string foreign_key_help(const sql::QualifiedName& table, const sql::ConstraintDef& c) {
  std::string schemas;
  if (!table.schema.empty()) schemas += ", source_schema=" + py_str(table.schema);
  if (!c.references.schema.empty()) schemas += ", referent_schema=" + py_str(c.references.schema);
  return fmt::format(
      "Add the foreign key NOT VALID: it then holds its locks only for a catalogue change and "
      "checks new and updated rows from then on;\n"
      "    op.create_foreign_key({}, {}, {}, {}, {}{}, postgresql_not_valid=True)\n"
      "{}{}"
      "VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE on \"{}\" and ROW SHARE on \"{}\": reads "
      "and writes continue while it scans",
      py_str(c.name.empty() ? "fk_name" : c.name), py_str(table.name), py_str(c.references.name),
      py_list(c.columns, "[\"column\"]"), py_list(c.referenced_columns, "[\"id\"]"), schemas,
      kValidateLater, validate_step(table, c.name), table.str(), c.references.str());
}

// Why the referenced table's lock matters too, when it is an existing table other than `table`.
std::string referenced_lock(const lint::Migration& m, const lint::MigrationStatement& s,
                            const sql::QualifiedName& table, const sql::QualifiedName& ref) {
  if (ref.empty() || lint::relation_key(ref) == lint::relation_key(table) ||
      m.created_before(ref, s.index))
    return "";
  return "; it also " + lint::describe_lock(lock_on(s, ref, LockMode::ShareRowExclusive),
                                           s.in_transaction());
}

// The fix for op.create_check_constraint / op.create_foreign_key: the keyword that makes the
// constraint NOT VALID. Validation is left to the author (a later revision or an autocommit
// block), so the fix is unsafe: old rows are not checked until then.
void offer_not_valid_fix(const lint::Migration& m, const lint::MigrationStatement& s, Diagnostic& d,
                         std::string_view op_name, const sql::QualifiedName& table, const std::string& name) {
  const python::Node* call = m.op_call(s);
  if (!is_op_call(call, op_name)) return;
  const SourceFile& file = *m.revision().file;
  auto edit = lint::add_keyword_argument(file, *call, "postgresql_not_valid", "True");
  if (!edit) return;
  std::vector<Edit> edits = {*edit};
  std::string title = "Add postgresql_not_valid=True (then validate the constraint in a separate transaction)";
  // With a name to validate, the validate step follows in an autocommit block: the block
  // commits the ADD (releasing its lock) and VALIDATE then scans under SHARE UPDATE EXCLUSIVE,
  // which blocks no reads or writes. Inside an autocommit block already, the author's own
  // structure is left alone.
  if (!name.empty() && s.in_transaction()) {
    std::string_view line = file.line_text(file.line_col(call->span.begin).line);
    std::string indent(line.substr(0, line.find_first_not_of(" \t")));
    std::string newline = file.text().find("\r\n") != std::string::npos ? "\r\n" : "\n";
    std::string table_sql = table.schema.empty() ? alembic::quote_ident(table.name)
                                                 : alembic::quote_ident(table.schema) + "." + alembic::quote_ident(table.name);
    std::string sql = fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {}", table_sql, alembic::quote_ident(name));
    std::string code = fmt::format("with op.get_context().autocommit_block():{}{}    op.execute({})", newline,
                                   indent, python_string(sql));
    if (auto validate = lint::insert_statement_after(file, *call, code)) {
      edits.push_back(*validate);
      title = "Add postgresql_not_valid=True and validate the constraint after COMMIT, in an autocommit block";
    }
  }
  // Unsafe: rows written before the validation are not checked until it runs.
  d.fix = Fix{std::move(title), false, std::move(edits)};
}

}  // namespace

void check_constraint_without_not_valid(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    // A table created earlier in this revision has no rows to check and nobody to block.
    if (m.created_before(table, s.index)) continue;
    for (const auto& cmd : alter->commands) {
      if ((cmd.type == sql::AlterTableType::AddConstraint ||
           cmd.type == sql::AlterTableType::AddConstraintRecurse) && cmd.constraint) {
        const sql::ConstraintDef& c = *cmd.constraint;
        if (c.not_valid) continue;
        if (c.type == ConstraintType::Check) {
          auto lock = lock_on(s, table, LockMode::AccessExclusive, Work::Scan);
          auto& d = m.report(ctx, s,
                             fmt::format("ADD CONSTRAINT{} CHECK on existing table \"{}\" without NOT VALID {}",
                                         label(c.name), table.str(),
                                         lint::describe_lock(lock, s.in_transaction())),
                             check_help(table, c.name));
          offer_not_valid_fix(m, s, d, "create_check_constraint", table, c.name);
        } else if (c.type == ConstraintType::ForeignKey) {
          auto lock = lock_on(s, table, LockMode::ShareRowExclusive, Work::Scan);
          auto& d = m.report(
              ctx, s,
              fmt::format("ADD CONSTRAINT{} FOREIGN KEY on existing table \"{}\" without NOT VALID {}{}",
                          label(c.name), table.str(), lint::describe_lock(lock, s.in_transaction()),
                          referenced_lock(m, s, table, c.references)),
              foreign_key_help(table, c));
          offer_not_valid_fix(m, s, d, "create_foreign_key", table, c.name);
        }
      } else if ((cmd.type == sql::AlterTableType::AddColumn ||
                  cmd.type == sql::AlterTableType::AddColumnRecurse) && cmd.column) {
        // A column constraint cannot be NOT VALID, so the remedy is a separate ADD CONSTRAINT.
        const sql::ColumnDef& col = *cmd.column;
        for (const auto& c : col.constraints) {
          if (c.type == ConstraintType::Check) {
            // PostgreSQL checks every row even though the new column is all NULL or all default.
            auto lock = lock_on(s, table, LockMode::AccessExclusive, Work::Scan);
            m.report(ctx, s,
                     fmt::format("ADD COLUMN {} with a CHECK on existing table \"{}\" {}", col.name,
                                 table.str(), lint::describe_lock(lock, s.in_transaction())),
                     "A column constraint cannot be NOT VALID. Add the column without the CHECK, "
                     "then the check as its own constraint. " + check_help(table, c.name));
          } else if (c.type == ConstraintType::ForeignKey && col.default_value.present() &&
                     !col.default_value.is_null) {
            // Without a default the new column is all NULL and PostgreSQL skips the check of
            // existing rows; a default has to be looked up in the referenced table for every row.
            auto lock = lock_on(s, table, LockMode::AccessExclusive, Work::Scan);
            sql::ConstraintDef separate = c;  // the same foreign key, as its own ADD CONSTRAINT
            separate.columns = {col.name};
            m.report(ctx, s,
                     fmt::format("ADD COLUMN {} with a DEFAULT and REFERENCES \"{}\" on existing table \"{}\" {}{}",
                                 col.name, c.references.str(), table.str(),
                                 lint::describe_lock(lock, s.in_transaction()),
                                 referenced_lock(m, s, table, c.references)),
                     "A column constraint cannot be NOT VALID. Add the column without REFERENCES, "
                     "then the foreign key as its own constraint. " + foreign_key_help(table, separate));
          }
        }
      }
    }
  }
}

}  // namespace miglint::rules
