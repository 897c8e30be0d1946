// The script `miglint sql` prints: what `alembic upgrade|downgrade <range> --sql` writes for a
// resolved MigrationPath (BEGIN/COMMIT per env.py's transaction settings, the version table,
// `-- Running ...` comments, each revision's statements, autocommit blocks), built from each
// revision's lowered statements, and its text, normalized and json renderings.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "alembic/lowered.h"
#include "alembic/migration_path.h"
#include "alembic/op_call.h"
#include "alembic/project.h"
#include "alembic/version_table.h"
#include "base/diagnostic.h"

namespace miglint::report {

// Where a revision's statements come from: evaluate_ops + lower_ops in the binary, a fake in
// tests.
using StatementSource =
    std::function<alembic::LoweredProgram(const alembic::Revision&, alembic::Phase)>;

// One entry of the script, in output order.
struct SqlItem {
  enum class Kind { Comment, Statement };
  Kind kind = Kind::Statement;
  std::string text;      // without the trailing ';' (statements) or with "-- " (comments)
  std::string revision;  // the step it belongs to (its version-table rows included); "" for
                         // BEGIN/COMMIT and CREATE/DROP TABLE
  bool bookkeeping = false;  // BEGIN/COMMIT/alembic_version statements miglint generates
  std::optional<Location> origin;  // the revision file's op call or literal
  bool in_transaction = true;
};

struct SqlScript {
  std::vector<SqlItem> items;
  std::vector<Diagnostic> diagnostics;  // dynamic-sql, unanalyzable-operation, sql-syntax-error
  std::vector<std::string> not_static;  // ids of revisions not fully analysed, in step order
};

SqlScript build_sql_script(const alembic::Project& project, const alembic::MigrationPath& path,
                           const alembic::SqlEnvSettings& env, const StatementSource& source);

// As Alembic prints it: each statement then ";\n\n", each comment then "\n\n".
std::string render_sql_text(const SqlScript& script);
// One libpg_query-normalised statement per line (comments dropped); a statement that does not
// parse is printed as "-- syntax error: <text>".
std::string render_sql_normalized(const SqlScript& script);
// {"statements": [{"sql", "revision", "bookkeeping", "in_transaction", "path", "line",
// "column"}], "not_static": [...]} with 1-based positions; docs/sql-command.md.
std::string render_sql_json(const SqlScript& script, const alembic::MigrationPath& path,
                            bool downgrade);

}  // namespace miglint::report
