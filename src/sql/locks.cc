// The lock table: statement kind (and ALTER TABLE subcommand) → lock mode, relations, work.
// Levels follow the PostgreSQL 15 documentation (ALTER TABLE, CREATE INDEX, explicit locking)
// and AlterTableGetLockLevel() in tablecmds.c; docs/locks.md lists every row and its source.
#include "sql/locks.h"

#include <algorithm>
#include <array>
#include <iterator>

#include <fmt/format.h>

#include "sql/add_column.h"
#include "sql/alter_table.h"
#include "sql/ddl.h"
#include "sql/locks_collector.h"
#include "sql/type_change.h"
#include "sql/utility.h"

namespace miglint::sql {

namespace {

using LM = LockMode;
using locks_detail::Collector;

constexpr int index_of(LockMode m) { return static_cast<int>(m); }

}  // namespace

std::string_view lock_mode_name(LockMode mode) {
  static constexpr std::array<std::string_view, 8> names = {
      "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE",
      "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"};
  return names[index_of(mode)];
}

std::string_view lock_mode_pg_locks_name(LockMode mode) {
  static constexpr std::array<std::string_view, 8> names = {
      "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
      "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"};
  return names[index_of(mode)];
}

std::optional<LockMode> lock_mode_from_pg_locks_name(std::string_view name) {
  for (int i = 0; i < 8; ++i) {
    auto mode = static_cast<LockMode>(i);
    if (lock_mode_pg_locks_name(mode) == name) return mode;
  }
  return std::nullopt;
}

bool conflicts(LockMode a, LockMode b) {
  // Table 13.2, one row per requested mode: bit i set = conflicts with mode i. Written as the
  // documentation's rows so the two can be compared by eye; the test checks symmetry.
  static constexpr std::array<unsigned, 8> rows = {
      0b10000000,  // ACCESS SHARE: ACCESS EXCLUSIVE
      0b11000000,  // ROW SHARE: EXCLUSIVE, ACCESS EXCLUSIVE
      0b11110000,  // ROW EXCLUSIVE: SHARE and stronger
      0b11111000,  // SHARE UPDATE EXCLUSIVE: itself and stronger
      0b11101100,  // SHARE: ROW EXCLUSIVE, SHARE UPDATE EXCLUSIVE, SRE, EXCLUSIVE, AE
      0b11111100,  // SHARE ROW EXCLUSIVE: ROW EXCLUSIVE and stronger
      0b11111110,  // EXCLUSIVE: ROW SHARE and stronger
      0b11111111,  // ACCESS EXCLUSIVE: everything
  };
  return (rows[index_of(a)] >> index_of(b)) & 1u;
}

std::string_view blocks_description(LockMode mode) {
  switch (mode) {
    case LM::AccessShare: return "blocks ACCESS EXCLUSIVE locks (ALTER TABLE, DROP)";
    case LM::RowShare: return "blocks EXCLUSIVE and ACCESS EXCLUSIVE locks";
    case LM::RowExclusive: return "blocks CREATE INDEX and schema changes";
    case LM::ShareUpdateExclusive: return "blocks other schema changes and VACUUM";
    case LM::Share: return "blocks writes (INSERT/UPDATE/DELETE)";
    case LM::ShareRowExclusive: return "blocks writes (INSERT/UPDATE/DELETE)";
    case LM::Exclusive: return "blocks writes and SELECT … FOR UPDATE/SHARE";
    case LM::AccessExclusive: return "blocks reads and writes";
  }
  return "";
}

std::string_view work_name(Work work) {
  switch (work) {
    case Work::CatalogOnly: return "catalog only";
    case Work::Scan: return "scan";
    case Work::Rewrite: return "rewrite";
  }
  return "";
}

namespace {

// ADD COLUMN: ACCESS EXCLUSIVE always; the work is decided in add_column.cc (shared with the
// column rules).
void add_column(Collector& out, const Statement& st, const std::string& table,
                const ColumnDef& col, int pg_major) {
  AddColumnEffect effect = add_column_effect(st, col, pg_major);
  const std::string name = fmt::format("ADD COLUMN {}", col.name);
  for (const auto& c : col.constraints)
    if (c.type == ConstraintType::ForeignKey && !c.references.empty())
      out.add(c.references.str(), LM::ShareRowExclusive, Work::CatalogOnly,
              fmt::format("referenced by the FOREIGN KEY of {}", name));
  out.add(table, LM::AccessExclusive, effect.work, effect.why);
}

void add_constraint(Collector& out, const std::string& table, const ConstraintDef& c) {
  std::string label = c.name.empty() ? "" : " " + c.name;
  switch (c.type) {
    case ConstraintType::ForeignKey:
      // Only SHARE ROW EXCLUSIVE on both tables (PG 9.5+): writes stop, reads continue.
      out.add(table, LM::ShareRowExclusive, c.not_valid ? Work::CatalogOnly : Work::Scan,
              c.not_valid ? fmt::format("ADD CONSTRAINT{} FOREIGN KEY … NOT VALID", label)
                          : fmt::format("ADD CONSTRAINT{} FOREIGN KEY validates every row (scan)", label));
      if (!c.references.empty())
        out.add(c.references.str(), LM::ShareRowExclusive, Work::CatalogOnly,
                fmt::format("referenced by FOREIGN KEY{} on {}", label, table));
      return;
    case ConstraintType::Check:
      out.add(table, LM::AccessExclusive, c.not_valid ? Work::CatalogOnly : Work::Scan,
              c.not_valid ? fmt::format("ADD CONSTRAINT{} CHECK … NOT VALID", label)
                          : fmt::format("ADD CONSTRAINT{} CHECK checks every row (scan)", label));
      return;
    case ConstraintType::PrimaryKey:
    case ConstraintType::Unique:
    case ConstraintType::Exclusion: {
      std::string_view what = c.type == ConstraintType::PrimaryKey ? "PRIMARY KEY"
                              : c.type == ConstraintType::Unique   ? "UNIQUE"
                                                                   : "EXCLUDE";
      if (!c.using_index.empty())
        out.add(table, LM::AccessExclusive, Work::CatalogOnly,
                fmt::format("ADD CONSTRAINT{} {} USING INDEX {}", label, what, c.using_index));
      else
        out.add(table, LM::AccessExclusive, Work::Scan,
                fmt::format("ADD CONSTRAINT{} {} builds an index (scan)", label, what));
      return;
    }
    default:
      out.add(table, LM::AccessExclusive, Work::CatalogOnly,
              fmt::format("ADD CONSTRAINT{}", label));
  }
}

// The ALTER TABLE subcommands whose lock level and work need no look at their arguments.
// AlterTableGetLockLevel() in PostgreSQL 15's tablecmds.c; anything absent takes ACCESS
// EXCLUSIVE (PostgreSQL's own default there too).
struct AlterRow {
  AlterTableType type;
  LockMode mode;
  Work work;
  std::string_view clause;
};

constexpr AlterRow alter_rows[] = {
    {AlterTableType::ColumnDefault, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN SET/DROP DEFAULT"},
    {AlterTableType::DropNotNull, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN DROP NOT NULL"},
    // PG12+ skips the scan when a valid CHECK (col IS NOT NULL) proves it; miglint cannot see that.
    {AlterTableType::SetNotNull, LM::AccessExclusive, Work::Scan, "ALTER COLUMN SET NOT NULL checks every row (scan)"},
    {AlterTableType::DropExpression, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN DROP EXPRESSION"},
    {AlterTableType::SetStatistics, LM::ShareUpdateExclusive, Work::CatalogOnly, "ALTER COLUMN SET STATISTICS"},
    {AlterTableType::SetOptions, LM::ShareUpdateExclusive, Work::CatalogOnly, "ALTER COLUMN SET (…)"},
    {AlterTableType::ResetOptions, LM::ShareUpdateExclusive, Work::CatalogOnly, "ALTER COLUMN RESET (…)"},
    {AlterTableType::SetStorage, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN SET STORAGE"},
    {AlterTableType::SetCompression, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN SET COMPRESSION"},
    {AlterTableType::DropColumn, LM::AccessExclusive, Work::CatalogOnly, "DROP COLUMN"},
    {AlterTableType::DropColumnRecurse, LM::AccessExclusive, Work::CatalogOnly, "DROP COLUMN"},
    {AlterTableType::AddIndexConstraint, LM::AccessExclusive, Work::CatalogOnly, "ADD CONSTRAINT … USING INDEX"},
    {AlterTableType::AlterConstraint, LM::AccessExclusive, Work::CatalogOnly, "ALTER CONSTRAINT"},
    {AlterTableType::ValidateConstraint, LM::ShareUpdateExclusive, Work::Scan, "VALIDATE CONSTRAINT checks every row (scan)"},
    {AlterTableType::ValidateConstraintRecurse, LM::ShareUpdateExclusive, Work::Scan, "VALIDATE CONSTRAINT checks every row (scan)"},
    {AlterTableType::DropConstraint, LM::AccessExclusive, Work::CatalogOnly, "DROP CONSTRAINT"},
    {AlterTableType::DropConstraintRecurse, LM::AccessExclusive, Work::CatalogOnly, "DROP CONSTRAINT"},
    // Binary-coercible changes (varchar(n) → text or a longer varchar) are catalog only;
    // refining this needs the old type, which a migration does not state.
    {AlterTableType::AlterColumnType, LM::AccessExclusive, Work::Rewrite, "ALTER COLUMN TYPE rewrites the table and its indexes"},
    {AlterTableType::ChangeOwner, LM::AccessExclusive, Work::CatalogOnly, "OWNER TO"},
    {AlterTableType::ClusterOn, LM::ShareUpdateExclusive, Work::CatalogOnly, "CLUSTER ON"},
    {AlterTableType::DropCluster, LM::ShareUpdateExclusive, Work::CatalogOnly, "SET WITHOUT CLUSTER"},
    {AlterTableType::SetLogged, LM::AccessExclusive, Work::Rewrite, "SET LOGGED rewrites the table"},
    {AlterTableType::SetUnLogged, LM::AccessExclusive, Work::Rewrite, "SET UNLOGGED rewrites the table"},
    {AlterTableType::SetAccessMethod, LM::AccessExclusive, Work::Rewrite, "SET ACCESS METHOD rewrites the table"},
    {AlterTableType::SetTableSpace, LM::AccessExclusive, Work::Rewrite, "SET TABLESPACE copies the table"},
    // Most storage parameters (fillfactor, autovacuum_*, …) need only SHARE UPDATE EXCLUSIVE;
    // PostgreSQL takes the strongest their definitions ask for.
    {AlterTableType::SetRelOptions, LM::ShareUpdateExclusive, Work::CatalogOnly, "SET (storage parameters)"},
    {AlterTableType::ResetRelOptions, LM::ShareUpdateExclusive, Work::CatalogOnly, "RESET (storage parameters)"},
    {AlterTableType::EnableTrig, LM::ShareRowExclusive, Work::CatalogOnly, "ENABLE TRIGGER"},
    {AlterTableType::EnableAlwaysTrig, LM::ShareRowExclusive, Work::CatalogOnly, "ENABLE ALWAYS TRIGGER"},
    {AlterTableType::EnableReplicaTrig, LM::ShareRowExclusive, Work::CatalogOnly, "ENABLE REPLICA TRIGGER"},
    {AlterTableType::DisableTrig, LM::ShareRowExclusive, Work::CatalogOnly, "DISABLE TRIGGER"},
    {AlterTableType::EnableTrigAll, LM::ShareRowExclusive, Work::CatalogOnly, "ENABLE TRIGGER ALL"},
    {AlterTableType::DisableTrigAll, LM::ShareRowExclusive, Work::CatalogOnly, "DISABLE TRIGGER ALL"},
    {AlterTableType::EnableTrigUser, LM::ShareRowExclusive, Work::CatalogOnly, "ENABLE TRIGGER USER"},
    {AlterTableType::DisableTrigUser, LM::ShareRowExclusive, Work::CatalogOnly, "DISABLE TRIGGER USER"},
    // Identity: ADD GENERATED … AS IDENTITY on an existing column fills nothing.
    {AlterTableType::AddIdentity, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN ADD GENERATED AS IDENTITY"},
    {AlterTableType::SetIdentity, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN SET (identity option)"},
    {AlterTableType::DropIdentity, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN DROP IDENTITY"},
    {AlterTableType::ReplicaIdentity, LM::AccessExclusive, Work::CatalogOnly, "REPLICA IDENTITY"},
    {AlterTableType::EnableRowSecurity, LM::AccessExclusive, Work::CatalogOnly, "ENABLE ROW LEVEL SECURITY"},
    {AlterTableType::DetachPartitionFinalize, LM::ShareUpdateExclusive, Work::CatalogOnly, "DETACH PARTITION … FINALIZE"},
    // The rest take ACCESS EXCLUSIVE, PostgreSQL's default; listed so that only subcommands
    // miglint has never heard of read as "not in miglint's lock table".
    {AlterTableType::DisableRowSecurity, LM::AccessExclusive, Work::CatalogOnly, "DISABLE ROW LEVEL SECURITY"},
    {AlterTableType::ForceRowSecurity, LM::AccessExclusive, Work::CatalogOnly, "FORCE ROW LEVEL SECURITY"},
    {AlterTableType::NoForceRowSecurity, LM::AccessExclusive, Work::CatalogOnly, "NO FORCE ROW LEVEL SECURITY"},
    {AlterTableType::EnableRule, LM::AccessExclusive, Work::CatalogOnly, "ENABLE RULE"},
    {AlterTableType::EnableAlwaysRule, LM::AccessExclusive, Work::CatalogOnly, "ENABLE ALWAYS RULE"},
    {AlterTableType::EnableReplicaRule, LM::AccessExclusive, Work::CatalogOnly, "ENABLE REPLICA RULE"},
    {AlterTableType::DisableRule, LM::AccessExclusive, Work::CatalogOnly, "DISABLE RULE"},
    {AlterTableType::AddInherit, LM::AccessExclusive, Work::CatalogOnly, "INHERIT"},
    {AlterTableType::DropInherit, LM::AccessExclusive, Work::CatalogOnly, "NO INHERIT"},
    {AlterTableType::AddOf, LM::AccessExclusive, Work::CatalogOnly, "OF type"},
    {AlterTableType::DropOf, LM::AccessExclusive, Work::CatalogOnly, "NOT OF"},
    {AlterTableType::GenericOptions, LM::AccessExclusive, Work::CatalogOnly, "OPTIONS (…)"},
    {AlterTableType::AlterColumnGenericOptions, LM::AccessExclusive, Work::CatalogOnly, "ALTER COLUMN OPTIONS (…)"},
    {AlterTableType::ReplaceRelOptions, LM::AccessExclusive, Work::CatalogOnly, "replace storage parameters"},
    {AlterTableType::DropOids, LM::AccessExclusive, Work::CatalogOnly, "SET WITHOUT OIDS"},
};

void alter_table(Collector& out, const Statement& st, const AlterTableInfo& alter,
                 int pg_major) {
  const std::string table = alter.relation.str();
  for (const auto& cmd : alter.commands) {
    switch (cmd.type) {
      case AlterTableType::AddColumn:
      case AlterTableType::AddColumnRecurse:
      case AlterTableType::AddColumnToView:
        if (cmd.column) {
          add_column(out, st, table, *cmd.column, pg_major);
          continue;
        }
        break;
      case AlterTableType::AddConstraint:
      case AlterTableType::AddConstraintRecurse:
        if (cmd.constraint) {
          add_constraint(out, table, *cmd.constraint);
          continue;
        }
        break;
      case AlterTableType::AlterColumnType:
        // Without the old type (which a statement does not state) this is a rewrite; the
        // column-type-change rule refines it from op.alter_column(existing_type=…).
        if (cmd.column) {
          auto verdict = classify_type_change(std::nullopt, new_column_type(cmd),
                                              using_kind(st, cmd), pg_major, false);
          out.add(table, LM::AccessExclusive, verdict.work, verdict.why);
          continue;
        }
        break;
      case AlterTableType::AttachPartition:
        // The partition gets ACCESS EXCLUSIVE and is scanned against the partition bound
        // unless a valid CHECK constraint already proves it.
        out.add(table, LM::ShareUpdateExclusive, Work::CatalogOnly,
                fmt::format("ATTACH PARTITION {}", cmd.partition.str()));
        if (!cmd.partition.empty())
          out.add(cmd.partition.str(), LM::AccessExclusive, Work::Scan,
                  fmt::format("attached as a partition of {} (scan against the bound)", table));
        continue;
      case AlterTableType::DetachPartition: {
        LockMode mode = cmd.concurrent ? LM::ShareUpdateExclusive : LM::AccessExclusive;
        std::string_view clause = cmd.concurrent ? "DETACH PARTITION … CONCURRENTLY"
                                                 : "DETACH PARTITION";
        out.add(table, mode, Work::CatalogOnly, fmt::format("{} {}", clause, cmd.partition.str()));
        if (!cmd.partition.empty())
          out.add(cmd.partition.str(), mode, Work::CatalogOnly,
                  fmt::format("detached from {}", table));
        continue;
      }
      default:
        break;
    }
    auto row = std::find_if(std::begin(alter_rows), std::end(alter_rows),
                            [&](const AlterRow& r) { return r.type == cmd.type; });
    if (row != std::end(alter_rows)) {
      out.add(table, row->mode, row->work, std::string(row->clause));
    } else {
      out.add(table, LM::AccessExclusive, Work::CatalogOnly,
              fmt::format("ALTER TABLE subcommand {} is not in miglint's lock table "
                          "(assumed ACCESS EXCLUSIVE)",
                          cmd.type_name.empty() ? "?" : cmd.type_name));
    }
  }
}

}  // namespace

std::vector<LockInfo> locks_of(const Statement& st, int pg_major) {
  if (auto alter = as_alter_table(st)) {
    Collector out;
    alter_table(out, st, *alter, pg_major);
    return out.take();
  }
  if (auto locks = locks_detail::statement_locks(st, pg_major)) return *locks;
  return {locks_detail::unknown_lock(st)};
}

}  // namespace miglint::sql
