// model-import: a migration imports application code (models) or opens an ORM session.
#include <algorithm>
#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"
#include "python/ast.h"

namespace miglint::rules {
namespace {

namespace fs = std::filesystem;

// Libraries revision files legitimately import (the Python standard library's usual suspects,
// SQLAlchemy and its ecosystem). Anything else is judged by the heuristics below.
constexpr std::array<std::string_view, 44> kLibraries = {
    "__future__", "abc", "alembic", "alembic_utils", "asyncpg", "base64", "collections",
    "contextlib", "dataclasses", "datetime", "decimal", "enum", "functools", "geoalchemy2",
    "hashlib", "itertools", "json", "logging", "math", "operator", "os", "pathlib", "pgvector",
    "psycopg", "psycopg2", "random", "re", "secrets", "sqlalchemy", "sqlalchemy_utils",
    "sqlmodel", "string", "sys", "textwrap", "time", "typing", "typing_extensions", "uuid",
    "warnings", "zoneinfo", "citext", "sqlalchemy_json", "fastapi_users_db_sqlalchemy", "ulid"};

// Module path components that name application models.
constexpr std::array<std::string_view, 5> kModelParts = {"models", "model", "entities", "orm_models", "tables"};

std::string top_level(std::string_view dotted) { return std::string(dotted.substr(0, dotted.find('.'))); }

bool has_model_part(std::string_view dotted) {
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    std::string_view part = dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (std::find(kModelParts.begin(), kModelParts.end(), part) != kModelParts.end()) return true;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return false;
}

// Whether `top` is a package or module of the project itself: a folder or .py file of that
// name beside the configuration or in one of the three folders above it (where the
// application's package usually sits relative to alembic.ini).
bool project_package(const alembic::Project& project, const std::string& top) {
  std::string anchor = project.settings.config_file.empty() ? project.settings.script_location
                                                             : project.settings.config_file;
  if (anchor.empty()) return false;
  fs::path dir = fs::path(anchor).parent_path();
  std::error_code ec;
  for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / (top + ".py"), ec) || fs::is_regular_file(dir / top / "__init__.py", ec))
      return true;
    if (dir == dir.parent_path()) break;
  }
  return false;
}

bool listed(const std::vector<std::string>& list, std::string_view dotted) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& m) {
    return dotted == m || (dotted.size() > m.size() && dotted.substr(0, m.size()) == m && dotted[m.size()] == '.');
  });
}

struct Finder {
  const alembic::Project& project;
  const alembic::Revision& rev;
  lint::RuleContext& ctx;

  void import(const python::Node& stmt, std::string_view module, bool relative) {
    if (relative) {
      report(stmt, fmt::format("The migration imports `{}` from its own package", module.empty() ? "." : module));
      return;
    }
    const auto& allowed = ctx.option_list("allowed-modules");
    const auto& application = ctx.option_list("application-packages");
    if (listed(allowed, module)) return;
    std::string top = top_level(module);
    bool app = listed(application, module);
    if (!app && std::find(kLibraries.begin(), kLibraries.end(), top) != kLibraries.end()) return;
    if (!app && !has_model_part(module) && !project_package(project, top)) return;
    report(stmt, fmt::format("The migration imports application code `{}`", module));
  }

  void report(const python::Node& stmt, std::string message) {
    ctx.report({rev.file, stmt.span, {}}, std::move(message),
               "A revision must keep working as the application changes: when a model later gains or "
               "loses a column, this import makes old migrations fail or change meaning. Describe the "
               "table the migration needs inside it instead:\n"
               "    accounts = sa.table(\"accounts\", sa.column(\"id\", sa.BigInteger), sa.column(\"status\", sa.Text))\n"
               "    op.execute(accounts.update().where(accounts.c.status.is_(None)).values(status=\"active\"))");
  }

  void walk(const python::Node* n) {
    if (!n) return;
    if (n->kind == python::Kind::Import) {
      for (const python::Node* alias : n->la) import(*n, alias->name, false);
    } else if (n->kind == python::Kind::ImportFrom) {
      std::string module(n->name);
      if (n->num == 0 && module == "sqlalchemy.orm") {
        for (const python::Node* alias : n->la)
          if (alias->name == "Session" || alias->name == "sessionmaker" || alias->name == "scoped_session")
            ctx.report({rev.file, n->span, {}}, fmt::format("The migration imports the ORM's `{}`", alias->name),
                       "ORM sessions in migrations load rows through the application's current models and "
                       "bypass the migration's transaction handling; use op.execute() with sa.table() "
                       "constructs or SQL, and op.get_bind() for reads");
      }
      import(*n, module, n->num > 0);
    }
    for (const python::Node* c : {n->a, n->b, n->c}) walk(c);
    for (const python::NodeList* l : {&n->la, &n->lb, &n->lc, &n->ld, &n->le})
      for (const python::Node* c : *l) walk(c);
  }
};

}  // namespace

void check_model_import(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev) || !rev.file || !rev.module || !rev.parsed_cleanly()) continue;
    Finder{project, rev, ctx}.walk(rev.module->root);
  }
}

}  // namespace miglint::rules
