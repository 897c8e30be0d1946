// Import bindings and canonical names; the table of re-exports is documented in
// docs/static-evaluation.md.
#include "alembic/imports.h"

#include <array>
#include <utility>

namespace miglint::alembic {

using python::Kind;
using python::Node;

void ImportMap::add_import(const Node* stmt) {
  if (!stmt) return;
  if (stmt->kind == Kind::Import) {
    for (const Node* alias : stmt->la) {
      std::string dotted(alias->name);
      if (alias->flags & Node::kHasName2) {
        bind(std::string(alias->name2), canonical_name(dotted));
      } else {
        // `import a.b.c` binds `a` to the package `a`.
        std::string first = dotted.substr(0, dotted.find('.'));
        bind(first, first);
      }
    }
  } else if (stmt->kind == Kind::ImportFrom) {
    if (stmt->num > 0) {
      // Relative imports name modules of the project: unknown, so unbind what they shadow.
      for (const Node* alias : stmt->la)
        unbind(alias->flags & Node::kHasName2 ? alias->name2 : alias->name);
      return;
    }
    std::string module(stmt->name);
    for (const Node* alias : stmt->la) {
      if (alias->name == "*") continue;  // star imports: names stay unknown
      std::string local(alias->flags & Node::kHasName2 ? alias->name2 : alias->name);
      bind(local, canonical_name(module + "." + std::string(alias->name)));
    }
  }
}

void ImportMap::add_imports(const python::NodeList& body) {
  for (const Node* s : body) {
    if (!s) continue;
    switch (s->kind) {
      case Kind::Import: case Kind::ImportFrom: add_import(s); break;
      case Kind::If: case Kind::While: case Kind::For:
        add_imports(s->la);
        add_imports(s->lb);
        break;
      case Kind::Try: case Kind::TryStar:
        add_imports(s->la);
        for (const Node* h : s->lb) add_imports(h->la);
        add_imports(s->lc);
        add_imports(s->ld);
        break;
      case Kind::With: add_imports(s->lb); break;
      default: break;
    }
  }
}

const std::string* ImportMap::lookup(std::string_view local) const {
  auto it = names_.find(local);
  return it == names_.end() ? nullptr : &it->second;
}

void ImportMap::bind(std::string local, std::string dotted) { names_[std::move(local)] = std::move(dotted); }

void ImportMap::unbind(std::string_view local) {
  auto it = names_.find(local);
  if (it != names_.end()) names_.erase(it);
}

namespace {

// Modules whose public names SQLAlchemy (1.4) re-exports at the top level or from
// sqlalchemy.dialects.postgresql; a name below them is rewritten to the re-export.
constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kPrefixes{{
    {"sqlalchemy.types.", "sqlalchemy."},
    {"sqlalchemy.sql.sqltypes.", "sqlalchemy."},
    {"sqlalchemy.sql.type_api.", "sqlalchemy."},
    {"sqlalchemy.sql.expression.", "sqlalchemy."},
    {"sqlalchemy.sql.elements.", "sqlalchemy."},
    {"sqlalchemy.sql.schema.", "sqlalchemy."},
    {"sqlalchemy.sql.selectable.", "sqlalchemy."},
    {"sqlalchemy.sql.dml.", "sqlalchemy."},
    {"sqlalchemy.sql.functions.func", "sqlalchemy.func"},
    {"sqlalchemy.sql.functions.", "sqlalchemy.func."},
    {"sqlalchemy.schema.", "sqlalchemy."},
    {"sqlalchemy.dialects.postgresql.base.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.json.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.array.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.ranges.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.ext.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.hstore.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.dml.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.named_types.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgresql.types.", "sqlalchemy.dialects.postgresql."},
    {"sqlalchemy.dialects.postgres.", "sqlalchemy.dialects.postgresql."},
}};

// sqlalchemy.sql.X is sqlalchemy.X except for these submodules.
constexpr std::array<std::string_view, 16> kSqlSubmodules{
    "sqltypes", "type_api", "expression", "elements", "schema", "selectable", "dml", "functions",
    "compiler", "ddl", "operators", "visitors", "base", "naming", "annotation", "util"};

}  // namespace

std::string canonical_name(std::string_view dotted) {
  for (auto [from, to] : kPrefixes) {
    // Only names below the module (a component must follow) are rewritten.
    if (dotted.size() > from.size() && dotted.substr(0, from.size()) == from &&
        (from.back() == '.' ? true : dotted[from.size()] == '.'))
      return canonical_name(std::string(to) + std::string(dotted.substr(from.size())));
    if (from.back() != '.' && dotted == from) return std::string(to);
  }
  constexpr std::string_view sql = "sqlalchemy.sql.";
  if (dotted.size() > sql.size() && dotted.substr(0, sql.size()) == sql) {
    std::string_view rest = dotted.substr(sql.size());
    std::string_view first = rest.substr(0, rest.find('.'));
    bool submodule = false;
    for (std::string_view m : kSqlSubmodules) submodule = submodule || m == first;
    if (!submodule) return "sqlalchemy." + std::string(rest);
  }
  return std::string(dotted);
}

}  // namespace miglint::alembic
