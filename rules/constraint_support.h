// Shared by the constraint and NOT NULL lock rules: the lock a statement takes on one relation,
// and the small pieces of Python their help text is written with.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/migration.h"
#include "sql/locks.h"
#include "sql/statement.h"

namespace miglint::rules {

// The lock the lock model predicts for `relation` in statement `s` (compared as relation keys,
// so "public.t" matches "t"); when the model has none (it should), `fallback_mode` with `work`.
// `at_least` raises the work to what the caller knows the clause does.
sql::LockInfo lock_on(const lint::MigrationStatement& s, const sql::QualifiedName& relation,
                      sql::LockMode fallback_mode, sql::Work at_least = sql::Work::CatalogOnly);

// `"a"` / `["a", "b"]` as Python literals for help text; a `placeholder` list when empty.
std::string py_str(std::string_view text);
std::string py_list(const std::vector<std::string>& items, std::string_view placeholder);

// `, schema="s"` for an op call in help text on a schema-qualified table, else "".
std::string py_schema(const sql::QualifiedName& table);

// " name" for messages ("ADD CONSTRAINT ck_x CHECK"), "" for an unnamed constraint.
std::string label(const std::string& name);

}  // namespace miglint::rules
