// The string literals a statement contains ('new' in UPDATE t SET status = 'new'), for rules
// that ask whether a statement uses a value, such as a freshly added enum label.
#pragma once

#include <string>
#include <vector>

#include "base/span.h"
#include "sql/statement.h"

namespace miglint::sql {

struct StringLiteral {
  std::string value;  // decoded: 'it''s' → it's
  // Where the literal starts, relative to the statement's text (Statement::text); empty when
  // libpg_query gave no location.
  Span span;
};

// Every string constant of the statement in parse-tree order: A_Const string values, whether
// bare, cast ('x'::mood) or inside lists, defaults and subqueries. Not identifiers, not
// CREATE TYPE … AS ENUM labels (those are names, not values), and not the text inside a DO
// or function body (read DoInfo::body for that).
std::vector<StringLiteral> string_literals(const Statement& statement);

}  // namespace miglint::sql
