// SQLAlchemy 1.4 types as the PostgreSQL dialect's type compiler renders them
// (`sa.String(50)` -> VARCHAR(50), `sa.DateTime(timezone=True)` -> TIMESTAMP WITH TIME ZONE).
#pragma once

#include <string>
#include <vector>

#include "alembic/lower_support.h"

namespace miglint::alembic::lower {

// A native PostgreSQL enum met while rendering a type: what CREATE TYPE needs.
struct EnumType {
  std::string name;
  std::string schema;
  std::vector<std::string> values;
  bool create_type = true;  // postgresql.ENUM(create_type=False)
};

// What autoincrement (SERIAL) and literal rendering need to know about a type.
enum class TypeFamily { Other, Integer, BigInteger, SmallInteger, Numeric, String, Boolean, Float };

// Renders a type object (`sa.Text`, `sa.String(50)`, `postgresql.ARRAY(sa.Integer)`).
// Native enums met are appended to `enums` when given. Unknown types fail `ctx`.
std::string render_type(Ctx& ctx, const Value& type, std::vector<EnumType>* enums = nullptr);

// The enum a type object denotes (sa.Enum / postgresql.ENUM), when native.
bool enum_of(Ctx& ctx, const Value& type, EnumType* out);

TypeFamily type_family(const Value& type);

// The type a PostgreSQL database gets: follows `.with_variant(..., "postgresql")`.
const Value& effective_type(const Value& type);

// CREATE TYPE / DROP TYPE as SQLAlchemy's PostgreSQL EnumGenerator / EnumDropper print them.
std::string create_enum_sql(const EnumType& e);
std::string drop_enum_sql(const EnumType& e);

}  // namespace miglint::alembic::lower
