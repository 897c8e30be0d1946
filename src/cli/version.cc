#include "cli/version.h"

#include <fmt/core.h>
// Only the version macros of toml++, not the parser: this file needs three numbers.
#include <toml++/impl/version.h>

#include "sql/pg_query.h"

namespace miglint::cli {

std::string version_text() {
  sql::PgGrammarVersion grammar = sql::pg_grammar_version();
  return fmt::format(
      "miglint {}\n"
      "libpg_query: PostgreSQL {} grammar (PG_VERSION_NUM {})\n"
      "toml++ {}.{}.{}, fmt {}.{}.{}",
      MIGLINT_VERSION, grammar.version, grammar.version_num, TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH,
      FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
}

}  // namespace miglint::cli
