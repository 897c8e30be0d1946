// The one door to libpg_query: parse PostgreSQL text into its JSON parse tree, fingerprint it,
// and normalise trees for comparison. No other file includes <pg_query.h>.
//
// Thread safety: libpg_query keeps its parser state (a memory context, error state) in
// thread-local storage and creates it on first use in each thread, so these functions may be
// called from several threads at once; each call frees everything it allocated. Threads that
// exit release libpg_query's per-thread context automatically.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace miglint::sql {

// A syntax error as PostgreSQL words it, at a 0-based byte offset into the parsed text.
// libpg_query's cursorpos counts characters (1-based, 0 = unknown); we convert it to bytes
// because every other position in miglint is a byte offset.
struct PgError {
  std::string message;
  uint32_t offset = 0;
  bool offset_known = false;
};

// `tree` is libpg_query's {"version":…, "stmts":[{"stmt":{…}, "stmt_location":…}, …]}
// when `error` is empty, and null otherwise.
struct PgParseOutput {
  nlohmann::json tree;
  std::optional<PgError> error;
};

// Parses the whole text (any number of statements). PostgreSQL parses a multi-statement
// string as a unit, so one syntax error means no statements: nothing of it would run either.
// A NUL byte is reported as an error at its offset (PostgreSQL would cut the text there), and
// so is a statement nested too deeply to walk safely (over 1 000 JSON levels, about 500
// chained operators such as "1 + 1 + …"; see pg_query.cc).
// Negative integer constants are repaired in the tree (see docs/sql.md): libpg_query
// 15-4.0.0 prints them as {"ival":{}}, indistinguishable from 0.
PgParseOutput pg_parse(std::string_view sql);

// libpg_query's fingerprint: equal for statements that differ only in constant values,
// whitespace, comments or keyword case. Good for grouping, too coarse for equality.
struct PgFingerprint {
  uint64_t value = 0;
  std::string hex;  // 16 lowercase hex digits, as libpg_query prints it
  std::optional<PgError> error;
};
PgFingerprint pg_fingerprint(std::string_view sql);

// A canonical text for a parse-tree node: every "location" field removed and the JSON dumped
// with sorted keys. Two statements normalise equally when they differ only in whitespace,
// comments, keyword case, or quotes around identifiers that need none.
std::string normalize_node(const nlohmann::json& node);

// Converts a 1-based character position (as PostgreSQL counts in UTF-8) into a 0-based byte
// offset into `text`, clamped to its size. Exposed for tests.
uint32_t char_position_to_byte_offset(std::string_view text, int cursorpos);

// The PostgreSQL release whose grammar this libpg_query was built from (`miglint --version`).
struct PgGrammarVersion {
  std::string version;  // PG_VERSION, e.g. "15.1"
  int version_num = 0;  // PG_VERSION_NUM, e.g. 150001: the "version" of every parse tree
};
PgGrammarVersion pg_grammar_version();

}  // namespace miglint::sql
