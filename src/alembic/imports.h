// Which canonical dotted name each local name of a module stands for, from its imports
// (`import sqlalchemy as sa` makes `sa` "sqlalchemy"), and the canonical spelling of
// well-known re-exports, so lowering sees one name per concept (docs/static-evaluation.md).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "python/ast.h"

namespace miglint::alembic {

class ImportMap {
 public:
  // Adds the bindings of one Import / ImportFrom statement (other statements are ignored).
  void add_import(const python::Node* stmt);
  // Adds the imports among `body`'s statements (not nested in functions or classes; imports
  // inside `if`/`try` blocks count: `try: import x except ImportError: ...` is common).
  void add_imports(const python::NodeList& body);

  // The canonical dotted name a local name is bound to, or nullptr.
  const std::string* lookup(std::string_view local) const;
  void bind(std::string local, std::string dotted);
  void unbind(std::string_view local);

 private:
  std::map<std::string, std::string, std::less<>> names_;
};

// The canonical spelling of a dotted name: `sqlalchemy.types.String`,
// `sqlalchemy.sql.sqltypes.String` -> `sqlalchemy.String`; `sqlalchemy.sql.expression.text` ->
// `sqlalchemy.text`; `sqlalchemy.dialects.postgresql.base.UUID` ->
// `sqlalchemy.dialects.postgresql.UUID`; anything unknown is returned unchanged.
std::string canonical_name(std::string_view dotted);

}  // namespace miglint::alembic
