// Short names of statements for rule messages ("ALTER TABLE", "CREATE INDEX", "UPDATE"), and
// which statements only change session state (SET, RESET, SHOW, COMMIT …) rather than doing work.
#pragma once

#include <string>

#include "sql/statement.h"

namespace miglint::rules {

// The statement's leading keywords as people name it: "ALTER TABLE", "CREATE INDEX",
// "DROP TABLE", "UPDATE"; the first word of the text for kinds not listed.
std::string statement_label(const sql::Statement& st);

// SET, RESET, SHOW and transaction control: statements that take no lock and do no work on
// data, so running them while a lock is held does not prolong it.
bool is_session_statement(const sql::Statement& st);

// UPDATE, DELETE, and INSERT … SELECT … FROM: statements that rewrite rows of a table whose
// size the migration does not bound (INSERT … VALUES writes only the rows written out).
bool is_backfill(const sql::Statement& st);

}  // namespace miglint::rules
