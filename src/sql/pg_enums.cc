// Name tables for the PostgreSQL enums in pg_enums.h, expanded from the same X-macro lists.
#include "sql/pg_enums.h"

#include <array>
#include <utility>

namespace miglint::sql {
namespace {

#define MIGLINT_PG_ROW(name, pg) std::pair{E::name, std::string_view(pg)},

template <typename E, size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, pg] : table)
    if (e == value) return pg;
  return {};
}

template <typename E, size_t N>
E value_of(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view pg) {
  for (const auto& [e, name] : table)
    if (name == pg) return e;
  return E::Unknown;
}

const auto& object_types() {
  using E = ObjectType;
  static const std::array table{MIGLINT_PG_OBJECT_TYPES(MIGLINT_PG_ROW)};
  return table;
}
const auto& alter_table_types() {
  using E = AlterTableType;
  static const std::array table{MIGLINT_PG_ALTER_TABLE_TYPES(MIGLINT_PG_ROW)};
  return table;
}
const auto& constraint_types() {
  using E = ConstraintType;
  static const std::array table{MIGLINT_PG_CONSTRAINT_TYPES(MIGLINT_PG_ROW)};
  return table;
}

#undef MIGLINT_PG_ROW

}  // namespace

std::string_view pg_name(ObjectType t) { return name_of(object_types(), t); }
std::string_view pg_name(AlterTableType t) { return name_of(alter_table_types(), t); }
std::string_view pg_name(ConstraintType t) { return name_of(constraint_types(), t); }

ObjectType parse_object_type(std::string_view pg) { return value_of(object_types(), pg); }
AlterTableType parse_alter_table_type(std::string_view pg) {
  return value_of(alter_table_types(), pg);
}
ConstraintType parse_constraint_type(std::string_view pg) {
  return value_of(constraint_types(), pg);
}

}  // namespace miglint::sql
