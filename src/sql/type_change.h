// Whether ALTER TABLE … ALTER COLUMN … TYPE rewrites the table, only rebuilds the indexes on
// the column, or only changes the catalogue. PostgreSQL 15 skips the rewrite when the old type
// converts to the new one without changing the stored bytes (ATColumnChangeRequiresRewrite in
// tablecmds.c: a binary-coercible cast, or a length coercion its support function proves a
// no-op), and keeps the indexes when their operator class and collation stay the same.
// The one place that knows these cases: the lock model (locks.cc, which never knows the old
// type) and the column-type-change rule (which learns it from op.alter_column(existing_type=…))
// both ask it. Every case is checked against PostgreSQL 15 by
// tests/oracle/column_rewrites_online.py (tests/data/rewrites/type_changes.tsv), and the same
// table is replayed through classify_type_change by tests/unit/sql_type_change_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sql/alter_table.h"
#include "sql/definitions.h"
#include "sql/locks.h"
#include "sql/statement.h"

namespace miglint::sql {

// A column's type with its collation ("" = the type's default; "default" reads as "").
struct ColumnType {
  TypeRef type;
  std::string collation;

  // For messages: "varchar(20)", "text COLLATE \"C\"".
  std::string str() const;
};

// A type as SQL writes it, optionally with COLLATE: "varchar(20)", "numeric(10, 2)",
// "TIMESTAMP(3) WITH TIME ZONE", "text COLLATE \"C\"" (what SQLAlchemy's type compiler prints).
// nullopt when it does not parse as a type.
std::optional<ColumnType> parse_column_type(std::string_view sql);

// The new type of an ALTER COLUMN … TYPE command.
ColumnType new_column_type(const AlterTableCommand& cmd);

// What the USING clause of an ALTER COLUMN … TYPE command does: none, only names the column
// (`USING c`, `USING c::newtype`: the same as no USING), or computes something else, which
// always rewrites.
enum class UsingKind { None, SameColumn, Expression };
UsingKind using_kind(const Statement& st, const AlterTableCommand& cmd);

struct TypeChangeVerdict {
  // CatalogOnly; Scan when only the indexes on the column are rebuilt (a new collation, or
  // timestamp ↔ timestamptz under a UTC TimeZone); Rewrite.
  Work work = Work::Rewrite;
  bool old_type_known = false;
  // timestamp ↔ timestamptz on PostgreSQL 12+: a rewrite unless the session TimeZone is UTC
  // (a zone with a fixed offset of zero), when only the indexes are rebuilt.
  bool depends_on_timezone = false;
  // For the lock model and messages: "ALTER COLUMN TYPE varchar(20) → text is binary-coercible
  // (catalog only)", "ALTER COLUMN TYPE rewrites the table and its indexes".
  std::string why;
};

// `from`: the old type, nullopt when unknown (a rewrite is then assumed). `utc_timezone`:
// the session TimeZone is known to be UTC when the statement runs.
TypeChangeVerdict classify_type_change(const std::optional<ColumnType>& from, const ColumnType& to,
                                       UsingKind using_clause, int pg_major, bool utc_timezone);

// Whether a TimeZone setting (as SET TimeZone / SET TIME ZONE writes it) names a zone with a
// fixed UTC offset of zero, the condition PostgreSQL 12+ checks
// (TimestampTimestampTzRequiresRewrite): "UTC", "Etc/UTC", "GMT", "Zulu", "0", "+00:00", …
// Case-insensitive. Zones that are UTC+0 only today (Europe/London, Africa/Abidjan) are not.
bool is_utc_timezone(std::string_view value);

}  // namespace miglint::sql
