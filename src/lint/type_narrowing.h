// What changing a column from one type to another does to values that do not fit, as
// PostgreSQL 15's ALTER COLUMN … TYPE casts them (checked on a PostgreSQL 15 server):
// irreversible-operation asks it of an ALTER COLUMN … TYPE that a downgrade changes back.
#pragma once

#include "sql/definitions.h"

namespace miglint::lint {

enum class Narrowing {
  None,   // every value fits (widening, equal types), or a pair this does not know
  Fails,  // a value that does not fit makes the ALTER fail: bigint → integer,
          // text → varchar(20) without USING, numeric(12,4) → numeric(10,4)
  Loses,  // values are rounded or cut silently: numeric(12,4) → numeric(12,2), float8 →
          // float4, numeric → integer, timestamp → date, timestamp(6) → timestamp(0),
          // text → varchar(20) USING (an explicit cast or an expression)
};

// `with_using`: the ALTER has a USING clause, which PostgreSQL evaluates as written (an
// explicit cast to varchar(n) truncates where the implicit one fails).
Narrowing narrowing(const sql::TypeRef& from, const sql::TypeRef& to, bool with_using);

}  // namespace miglint::lint
