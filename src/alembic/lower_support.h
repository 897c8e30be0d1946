// Shared pieces of lowering (op call -> PostgreSQL text): argument lookup on evaluated
// Values, the first-problem record that turns an unrenderable expression into a diagnostic,
// and SQLAlchemy's PostgreSQL identifier / literal quoting.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alembic/value.h"
#include "base/span.h"

namespace miglint::alembic::lower {

using Kwargs = std::vector<std::pair<std::string, ValuePtr>>;

// The first thing lowering could not render. Rendering goes on after a failure (returning
// empty strings) so callers stay simple; the call's statements are then discarded.
struct Ctx {
  bool failed = false;
  Span span;
  std::string message;
  std::string_view source;  // the revision file's text, to quote the expression

  void fail(const Value* v, std::string_view why);
  void fail_at(Span s, std::string_view why);
  std::string snippet(Span s) const;
};

const Value* find_kw(const Kwargs& kw, std::string_view name);
// Argument `i` positionally or `name` as a keyword.
const Value* pos_or_kw(const std::vector<ValuePtr>& args, size_t i, const Kwargs& kw,
                       std::string_view name);

bool is_none(const Value* v);  // absent or literal None
std::optional<bool> as_bool(const Value* v);
// A name: a str, `op.f("...")` or `sa.sql.elements.conv(...)`.
std::optional<std::string> as_name(const Value* v);

// "sa.String", "pg.ENUM", "func.now", "op.f": the callee without its module path.
std::string short_callee(const Value& v);
bool is_sa(const Value& v, std::string_view name);  // sa.<name> or pg.<name>

// SQLAlchemy's PostgreSQL IdentifierPreparer: quote reserved words, names with capitals,
// illegal characters or an illegal first character.
std::string quote_ident(std::string_view name);
std::string format_table(std::string_view name, std::string_view schema);
// A string literal as String's literal processor renders it on PostgreSQL (offline):
// '' for ', \\ for \ and %% for % (pyformat paramstyle).
std::string quote_literal(std::string_view s);

// TextClause post-processing for `sa.text(...)` / op.execute("..."): `%` -> `%%`,
// `:name` -> `%(name)s`, `\:` -> `:`. `map_in` (size in.size() + 1 or empty) maps input
// bytes to file offsets; `map_out` receives the same for the output.
std::string process_text(std::string_view in, const std::vector<uint32_t>& map_in,
                         std::vector<uint32_t>* map_out);

}  // namespace miglint::alembic::lower
