// SQL expressions inside DDL and DML as SQLAlchemy compiles them with literal_binds:
// `sa.text(...)`, `sa.func.now()`, `sa.true()`, `op.inline_literal(...)`, Python literals.
#pragma once

#include <string>

#include "alembic/lower_support.h"
#include "alembic/sa_types.h"

namespace miglint::alembic::lower {

// A plain Python value as a SQL literal (str quoted, None -> NULL, bool -> true/false).
std::string render_literal(Ctx& ctx, const Value& v);

// An expression; a bare str is taken as SQL text (CheckConstraint("a > 0"), postgresql_where).
std::string render_expr(Ctx& ctx, const Value& v);

// `server_default=`: a str becomes a quoted literal, anything else an expression.
std::string render_server_default(Ctx& ctx, const Value& v);

}  // namespace miglint::alembic::lower
