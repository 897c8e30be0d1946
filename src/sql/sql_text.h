// Entry point of the SQL stage: a string of PostgreSQL text → its statements, or the syntax
// error PostgreSQL would report. Offsets are bytes into the string given, so the caller can
// map them back to Python source positions with the string literal's offset map.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/statement.h"

namespace miglint::sql {

struct SqlError {
  std::string message;  // PostgreSQL's wording, e.g. `syntax error at or near "SELEC"`
  uint32_t offset = 0;  // 0-based byte offset into the parsed string
  bool offset_known = true;  // false when PostgreSQL gave no position (offset is then 0)
};

struct ParseResult {
  std::vector<Statement> statements;
  // Set when the text does not parse; statements is then empty, since PostgreSQL parses a
  // multi-statement string whole and would run none of it.
  std::optional<SqlError> error;

  bool ok() const { return !error; }
};

// Parses `sql` (any number of statements; comment-only or empty text gives none). Safe to
// call from several threads at once.
ParseResult parse_sql(std::string_view sql);

// Whether two SQL texts hold the same statements, irrespective of whitespace, comments,
// keyword case, unneeded identifier quotes and a trailing ';'. False if either fails to parse.
bool same_statements(std::string_view a, std::string_view b);

}  // namespace miglint::sql
