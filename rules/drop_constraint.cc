// drop-constraint: ALTER TABLE … DROP CONSTRAINT on a table the revision did not create, unless
// the revision re-creates a constraint of that name in the same transaction (a replacement).
#include <fmt/format.h>

#include "alembic/op_call.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {

using destructive::py;
using destructive::py_schema;
using destructive::quote_name;

namespace {

enum class Kind { ForeignKey, Unique, Check, PrimaryKey, Unknown };

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// What kind of constraint the name denotes: op.drop_constraint's type_ (the SQL does not carry
// it), else the usual naming conventions (SQLAlchemy's fk_/uq_/ck_/pk_ templates, PostgreSQL's
// own _fkey/_key/_check/_pkey suffixes).
Kind kind_of(const alembic::OpCall* call, std::string_view name) {
  if (call && call->name == "drop_constraint") {
    const alembic::Value* type = call->kwarg("type_");
    // drop_constraint(name, table, type_) on op; (name, type_) on batch_op.
    if (!type) type = call->arg(call->batch ? 1 : 2);
    if (type && type->is(alembic::ValueKind::Str)) {
      if (type->text == "foreignkey") return Kind::ForeignKey;
      if (type->text == "unique") return Kind::Unique;
      if (type->text == "check") return Kind::Check;
      if (type->text == "primary") return Kind::PrimaryKey;
    }
  }
  if (starts_with(name, "fk_") || ends_with(name, "_fkey")) return Kind::ForeignKey;
  if (starts_with(name, "uq_") || ends_with(name, "_key")) return Kind::Unique;
  if (starts_with(name, "ck_") || ends_with(name, "_check")) return Kind::Check;
  if (starts_with(name, "pk_") || ends_with(name, "_pkey")) return Kind::PrimaryKey;
  return Kind::Unknown;
}

// Whether statements [from, to) of the migration add a constraint named `name` to `table_key`.
bool adds_constraint(const lint::Migration& m, std::size_t from, std::size_t to, const std::string& table_key,
                     const std::string& name, int transaction) {
  for (std::size_t i = from; i < to && i < m.statements().size(); ++i) {
    const auto& s = m.statements()[i];
    if (transaction != -2 && s.transaction != transaction) continue;
    const auto& alter = s.alter_table();
    if (!alter || lint::relation_key(alter->relation) != table_key) continue;
    for (const auto& cmd : alter->commands)
      if (cmd.type == sql::AlterTableType::AddConstraint && cmd.constraint && cmd.constraint->name == name)
        return true;
  }
  return false;
}

}  // namespace

void check_drop_constraint(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    if (m.created_before(table, s.index)) continue;
    const std::string key = lint::relation_key(table);
    for (const auto& cmd : alter->commands) {
      if (cmd.type != sql::AlterTableType::DropConstraint) continue;
      // Added earlier in this revision: nothing running relies on it yet.
      if (adds_constraint(m, 0, s.index, key, cmd.name, -2)) continue;
      // Re-created in the same transaction (or the same ALTER TABLE): no other session ever sees
      // the table without it.
      if (s.in_transaction() && adds_constraint(m, s.index, m.statements().size(), key, cmd.name, s.transaction))
        continue;
      std::string name = quote_name(cmd.name), t = quote_name(table.str());
      std::string message;
      switch (kind_of(m.evaluated_call(s), cmd.name)) {
        case Kind::ForeignKey:
          message = fmt::format("dropping foreign key {} of {}: rows can then point at rows that do not exist, "
                                "and deleting a referenced row is no longer refused or cascaded, although the "
                                "application relies on it",
                                name, t);
          break;
        case Kind::Unique:
          message = fmt::format("dropping unique constraint {} of {}: duplicates can then be inserted, and its "
                                "index goes with it, which queries may use and which the running code's "
                                "INSERT … ON CONFLICT needs (it fails without it)",
                                name, t);
          break;
        case Kind::Check:
          message = fmt::format("dropping check constraint {} of {}: values it rejected are accepted from then "
                                "on, although the application relies on them never being there",
                                name, t);
          break;
        case Kind::PrimaryKey:
          message = fmt::format("dropping primary key {} of {}: duplicate keys become possible, its index goes "
                                "with it (queries by key then scan the table), and if the table is published "
                                "for logical replication, UPDATE and DELETE on it fail (no replica identity)",
                                name, t);
          break;
        case Kind::Unknown:
          message = fmt::format("dropping constraint {} of {}: the integrity it enforced, which the application "
                                "relies on, is no longer checked (and a primary key or unique constraint takes "
                                "its index, which queries may use, with it)",
                                name, t);
          break;
      }
      m.report(ctx, s, std::move(message),
               fmt::format("Drop a constraint once no code relies on it. To replace it, add the new one first "
                           "(NOT VALID, then VALIDATE CONSTRAINT in a later revision) and drop the old one after, "
                           "or re-create it under the same name in the same transaction:\n"
                           "    op.drop_constraint({}, {}{})\n"
                           "    op.create_...(<same name>, ...)",
                           py(cmd.name), py(table.name), py_schema(table)));
    }
  }
}

}  // namespace miglint::rules
