// Shared pieces of lowering (op call -> PostgreSQL text): argument lookup on evaluated
// Values, the first-problem record that turns an unrenderable expression into a diagnostic,
// and SQLAlchemy's PostgreSQL identifier / literal quoting.
#pragma once

#include "alembic/pg_identifier.h"

#include <functional>
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

// How the offline dialect was configured (env.py's context.configure): the DBAPI paramstyle
// decides whether `%` is doubled (format/pyformat) and how a placeholder prints; literal_binds
// whether SQLAlchemy DML/text binds print as literals. It is set for the duration of one
// lower_ops call (a thread-local scope) rather than threaded through every renderer, because
// nearly every literal depends on it.
struct Style {
  std::string paramstyle = "named";  // Alembic's env.py template: dialect_opts paramstyle named
  bool literal_binds = true;         // and literal_binds=True
  bool double_percents() const { return paramstyle == "pyformat" || paramstyle == "format"; }
  std::string placeholder(std::string_view name) const;
};
const Style& style();
class StyleScope {
 public:
  explicit StyleScope(Style s);
  ~StyleScope();
  StyleScope(const StyleScope&) = delete;
  StyleScope& operator=(const StyleScope&) = delete;
 private:
  Style saved_;
};

std::string format_table(std::string_view name, std::string_view schema);
// A string literal as String's literal processor renders it on PostgreSQL (offline):
// '' for ', \\ for \ and %% for % (with a percent-doubling paramstyle).
std::string quote_literal(std::string_view s);

// TextClause compilation for `sa.text(...)` / op.execute("..."): `%` -> `%%` when the
// paramstyle doubles percents, `\:` -> `:`, and each `:name` bind through `bind(name)`
// (default: the placeholder, or NULL under literal_binds, which is what SQLAlchemy prints for
// a bind without a value). `map_in` (size in.size() + 1 or empty) maps input bytes to file
// offsets; `map_out` receives the same for the output (a bind's text maps to its `:`).
std::string process_text(std::string_view in, const std::vector<uint32_t>& map_in,
                         std::vector<uint32_t>* map_out,
                         const std::function<std::string(std::string_view)>& bind = {});

}  // namespace miglint::alembic::lower
