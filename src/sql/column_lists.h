// The lists of column names in a statement where PostgreSQL rejects a name given twice:
// UPDATE … SET, INSERT … ON CONFLICT DO UPDATE SET and MERGE … UPDATE SET ("multiple
// assignments to same column"), INSERT and MERGE … INSERT column lists, CREATE TABLE columns,
// and the column names of CREATE VIEW / CREATE TABLE AS / CREATE MATERIALIZED VIEW ("column …
// specified more than once"). Statements nested in WITH are included.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/statement.h"

namespace miglint::sql {

struct ColumnMention {
  std::string name;
  // An assignment to part of the column (SET c.x = 1, SET d[1] = 2): several of those to one
  // column are allowed; a whole-column one next to any other is not.
  bool partial = false;
  // Byte offset in the text the statement was parsed from (as Statement::span), when known.
  std::optional<uint32_t> location;
};

enum class ColumnListKind { Assignment, Insert, Definition };

struct ColumnList {
  ColumnListKind kind = ColumnListKind::Assignment;
  std::vector<ColumnMention> columns;
};

std::vector<ColumnList> column_lists(const Statement& st);

// A name given twice in one list, as PostgreSQL rejects it: the first two mentions (of the
// whole column, or one whole and one partial).
struct DuplicateColumn {
  ColumnListKind kind;
  ColumnMention first, second;
};
std::vector<DuplicateColumn> duplicate_columns(const Statement& st);

}  // namespace miglint::sql
