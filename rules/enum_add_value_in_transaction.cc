// enum-add-value-in-transaction: ALTER TYPE … ADD VALUE in the migration's transaction where
// PostgreSQL makes it fail: before 12 the statement itself is refused; from 12 on, using the
// new value later in the same transaction is ("unsafe use of new value").
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/op_calls.h"
#include "sql/ddl.h"
#include "sql/literals.h"
#include "sql/utility.h"

namespace miglint::rules {
namespace {

// Whether the enum type was created by an earlier statement of the same transaction.
bool type_created_in_transaction(const lint::Migration& m, const lint::MigrationStatement& s,
                                 const sql::QualifiedName& type) {
  for (const auto& other : m.statements()) {
    if (other.index >= s.index) break;
    if (other.transaction != s.transaction) continue;
    if (auto e = sql::as_create_enum(other.statement());
        e && lint::relation_key(e->type) == lint::relation_key(type))
      return true;
  }
  return false;
}

struct Use {
  const lint::MigrationStatement* statement = nullptr;
  Span span;  // the literal, relative to the statement; empty inside a DO body
};

// The first later statement of the same transaction that writes `value` as a string literal
// (or inside a DO block's body, which PL/pgSQL parses only when it runs).
std::optional<Use> later_use(const lint::Migration& m, const lint::MigrationStatement& s, const std::string& value) {
  for (const auto& other : m.statements()) {
    if (other.index <= s.index || other.transaction != s.transaction) continue;
    for (const auto& lit : sql::string_literals(other.statement()))
      if (lit.value == value) return Use{&other, lit.span};
    if (auto d = sql::as_do(other.statement());
        d && d->body.find(fmt::format("'{}'", value)) != std::string::npos)
      return Use{&other, {}};
  }
  return std::nullopt;
}

}  // namespace

void check_enum_add_value_in_transaction(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto e = sql::as_alter_enum(s.statement());
    if (!e || !e->is_add() || !s.in_transaction()) continue;
    std::string type = e->type.str();
    std::string autocommit = fmt::format(
        "Add the value in an autocommit block, so that it is committed before anything uses it:\n"
        "    with op.get_context().autocommit_block():\n"
        "        op.execute({})\n"
        "IF NOT EXISTS lets the migration run again if a later step fails",
        python_string(fmt::format("ALTER TYPE {} ADD VALUE IF NOT EXISTS '{}'{}", type, e->new_value,
                                  e->neighbor.empty() ? "" : fmt::format(" {} '{}'", e->after ? "AFTER" : "BEFORE", e->neighbor))));
    if (m.pg_major() < 12) {
      // PostgreSQL 9.1–11 allow it in a transaction only for a type created in the same one.
      if (type_created_in_transaction(m, s, e->type)) continue;
      m.report(ctx, s,
               fmt::format("ALTER TYPE \"{}\" ADD VALUE '{}' runs inside the migration's transaction: PostgreSQL "
                           "{} refuses it with \"ALTER TYPE ... ADD cannot run inside a transaction block\" and "
                           "the migration fails", type, e->new_value, m.pg_major()),
               autocommit);
      continue;
    }
    auto use = later_use(m, s, e->new_value);
    if (!use) continue;
    auto& d = m.report(ctx, s,
                       fmt::format("ALTER TYPE \"{}\" ADD VALUE '{}' runs inside the migration's transaction and "
                                   "a later statement of that transaction uses '{}': PostgreSQL fails there with "
                                   "unsafe use of new value \"{}\" of enum type {} (a new enum value cannot be "
                                   "used until the transaction that added it commits)",
                                   type, e->new_value, e->new_value, e->new_value, e->type.name),
                       autocommit);
    d.notes.push_back({fmt::format("'{}' is used here", e->new_value),
                       use->span.empty() ? m.location(*use->statement) : m.location(*use->statement, use->span)});
  }
}

}  // namespace miglint::rules
