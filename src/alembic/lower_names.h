// Constraint and index names as SQLAlchemy 1.4 renders them on PostgreSQL (63-byte limit):
// names from op.f() / conv() and generated ones (ix_<table>_<column>) are truncated with an
// md5 suffix; a plain name that is too long is an error in SQLAlchemy (IdentifierError).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "alembic/lower_support.h"

namespace miglint::alembic::lower {

constexpr size_t kMaxIdentifierLength = 63;  // PGDialect.max_identifier_length

std::string md5_hex(std::string_view data);

// A generated/conv name: truncated to 55 bytes + "_" + the last 4 hex digits of its md5.
std::string truncate_label(const std::string& name);

// The name a `name=` / constraint_name argument renders with (unquoted); nullopt and no
// failure for None/absent; fails `ctx` for a dynamic or over-long plain name.
std::optional<std::string> object_name(Ctx& ctx, const Value* v);

}  // namespace miglint::alembic::lower
