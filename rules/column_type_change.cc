// column-type-change: ALTER COLUMN … TYPE on an existing table that rewrites it (or rebuilds the
// indexes on the column) under ACCESS EXCLUSIVE. The binary-coercible changes PostgreSQL makes
// in the catalogue only are known from sql/type_change.h when the migration states the old type
// (op.alter_column(existing_type=…)).
#include <optional>

#include <fmt/format.h>

#include "alembic/lower_support.h"
#include "alembic/op_call.h"
#include "alembic/revision.h"
#include "alembic/sa_types.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/added_columns.h"
#include "sql/alter_table.h"
#include "sql/type_change.h"
#include "sql/utility.h"

namespace miglint::rules {

namespace {

// The old type an op.alter_column(existing_type=…) call states for statement `s`, rendered as
// SQLAlchemy's PostgreSQL type compiler would and read back as SQL; nullopt when the statement
// did not come from such a call or the type cannot be rendered.
class ExistingTypes {
 public:
  explicit ExistingTypes(const lint::Migration& m) : m_(m) {}

  std::optional<sql::ColumnType> of(const lint::MigrationStatement& s) {
    const alembic::OpCall* call = m_.evaluated_call(s);
    if (!call || call->name != "alter_column") return std::nullopt;
    const alembic::Value* type = call->kwarg("existing_type");
    if (!type || type->kind == alembic::ValueKind::None) return std::nullopt;
    alembic::lower::Ctx ctx;
    std::string rendered = alembic::lower::render_type(ctx, *type);
    if (ctx.failed) return std::nullopt;
    return sql::parse_column_type(rendered);
  }

 private:
  const lint::Migration& m_;
};

// Whether the session TimeZone is set to UTC when statement `index` starts: a SET earlier in
// the phase (SET LOCAL only within the same transaction). The server's own setting is unknown.
bool utc_timezone_in_force(const lint::Migration& m, std::size_t index) {
  const auto& st = m.statements();
  const int current = st[index].transaction;
  bool session = false;
  std::optional<bool> local;
  for (std::size_t i = 0; i < index; ++i) {
    auto set = sql::as_variable_set(st[i].statement());
    if (!set) continue;
    if (set->kind == sql::SetKind::ResetAll) {
      session = false;
      local.reset();
      continue;
    }
    if (set->name != "timezone") continue;
    bool utc = set->kind == sql::SetKind::Value && sql::is_utc_timezone(set->value());
    if (!set->local) {
      session = utc;
      local.reset();
    } else if (st[i].transaction == current && current >= 0) {
      local = utc;
    }
  }
  return local.value_or(session);
}

const char* const kSafeCases =
    "These need no rewrite: varchar(n) → varchar(m ≥ n), varchar or text; text → varchar; "
    "numeric(p, s) → numeric(p2 ≥ p, s) or numeric; a longer or unbounded varbit, timestamp, "
    "time or interval precision; char(n) → bpchar; cidr → inet; xml → text";

}  // namespace

void check_column_type_change(const lint::Migration& m, lint::RuleContext& ctx) {
  ExistingTypes existing(m);
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    // A table created earlier in this revision has no rows, readers or writers yet.
    if (m.created_before(alter->relation, s.index)) continue;
    const std::string table = alter->relation.str();
    for (const auto& cmd : alter->commands) {
      if (cmd.type != sql::AlterTableType::AlterColumnType || !cmd.column) continue;
      std::optional<sql::ColumnType> from = existing.of(s);
      sql::ColumnType to = sql::new_column_type(cmd);
      sql::UsingKind using_clause = sql::using_kind(s.statement(), cmd);
      auto verdict = sql::classify_type_change(from, to, using_clause, m.pg_major(),
                                               utc_timezone_in_force(m, s.index));
      if (verdict.work == sql::Work::CatalogOnly) continue;

      std::string change = from ? fmt::format("from {} to {}", from->str(), to.str())
                                : fmt::format("TYPE {}", to.str());
      sql::LockInfo lock{table, sql::LockMode::AccessExclusive, verdict.work, verdict.why};
      std::string what;
      if (verdict.work == sql::Work::Scan) what = " keeps the rows but rebuilds any index on the column";
      else if (using_clause == sql::UsingKind::Expression) what = " computes its USING expression for every row";
      else if (verdict.depends_on_timezone) what = " converts every row unless the session TimeZone is UTC";
      else what = " converts every row";
      auto& d = m.report(ctx, s,
                         with_lock(fmt::format("ALTER COLUMN \"{}\" {} on existing table \"{}\"{}", cmd.name,
                                               change, table, what),
                                   lint::describe_lock(lock, s.in_transaction())),
                         fmt::format(
                             "Change the type without blocking by switching to a new column:\n"
                             "    op.add_column({0}, sa.Column(\"{1}_new\", <new type>, nullable=True){2})\n"
                             "    # keep it in sync with a trigger, fill it in batches, then swap the "
                             "names and drop the old column in a later revision\n"
                             "{3} (`miglint explain column-type-change`)",
                             py_string(alter->relation.name), cmd.name,
                             py_schema_kwarg(alter->relation), kSafeCases));
      if (!from && using_clause != sql::UsingKind::Expression)
        d.notes.push_back({"miglint does not know the old type: pass existing_type= to op.alter_column "
                           "so a change that needs no rewrite is recognised",
                           {}});
      if (verdict.depends_on_timezone)
        d.notes.push_back({"on PostgreSQL 12+ timestamp ↔ timestamptz skips the rewrite when the session "
                           "TimeZone is UTC (op.execute(\"SET LOCAL TimeZone = 'UTC'\") before it); do that "
                           "only if the stored values are in UTC, since the conversion reads them in the "
                           "session's zone",
                           {}});
    }
  }
}

}  // namespace miglint::rules
