// A revision's lowered SQL parsed by libpg_query: each LoweredStatement becomes one or more
// Statements (a string literal may hold several), with spans mapped back into the .py file, and
// a syntax error becomes a `sql-syntax-error` diagnostic at the exact line and column inside
// the Python literal (through escapes, implicit concatenation and triple quotes).
#pragma once

#include <cstddef>
#include <vector>

#include "alembic/lowered.h"
#include "base/diagnostic.h"
#include "sql/statement.h"

namespace miglint::alembic {
struct Revision;
}

namespace miglint::sql {

struct RevisionStatement {
  Statement statement;         // spans relative to the lowered SQL text
  Span file_span;              // where it came from in the revision file
  bool in_transaction = true;  // false inside an autocommit block
  std::size_t lowered_index = 0;  // which LoweredStatement it came from
};

struct RevisionSql {
  std::vector<RevisionStatement> statements;
  std::vector<Diagnostic> diagnostics;  // sql-syntax-error
};

// Parses every statement of `lowered`, in order. A LoweredStatement that does not parse
// contributes no statements (PostgreSQL would run none of a multi-statement string) and one
// diagnostic.
RevisionSql parse_revision_sql(const alembic::Revision& revision,
                               const std::vector<alembic::LoweredStatement>& lowered);

// A byte range of `lowered.sql` as a file span: through source_map when the SQL came verbatim
// from a literal, else the statement's origin (generated SQL has no finer position).
Span map_to_file(const alembic::LoweredStatement& lowered, Span sql_span);

}  // namespace miglint::sql
