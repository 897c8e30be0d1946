// `miglint normalize-sql FILE|-`: each statement of a SQL text, normalised through libpg_query
// (whitespace, comments, identifier quoting and keyword case removed), one per line. The oracle
// tests compare `alembic upgrade --sql` with `miglint sql` through it.
#pragma once

#include <string>

namespace miglint::cli {

int run_normalize_sql(const std::string& file);

}  // namespace miglint::cli
