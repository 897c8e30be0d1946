// SQL expressions inside DDL and DML as SQLAlchemy compiles them with literal_binds:
// `sa.text(...)`, `sa.func.now()`, `sa.true()`, `op.inline_literal(...)`, Python literals.
#pragma once

#include <string>

#include "alembic/lower_support.h"
#include "alembic/sa_types.h"

namespace miglint::alembic::lower {

// A plain Python value as a SQL literal (str quoted, None -> NULL, bool -> true/false).
std::string render_literal(Ctx& ctx, const Value& v);

// A value bound to a column of `type` (nullptr: no type, NullType) as SQLAlchemy's literal
// processors render it: Integer int()s its value, Boolean accepts 0/1, strings are quoted for
// string-like types; types without a literal renderer (JSON, DateTime, NullType…) fail, as
// SQLAlchemy raises CompileError. None is NULL for every type.
std::string render_typed_literal(Ctx& ctx, const Value* type, const Value& v);

// An expression; a bare str is taken as SQL text (CheckConstraint("a > 0"), postgresql_where).
std::string render_expr(Ctx& ctx, const Value& v);

// `server_default=`: a str becomes a quoted literal, anything else an expression.
std::string render_server_default(Ctx& ctx, const Value& v);

}  // namespace miglint::alembic::lower
