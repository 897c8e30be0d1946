// Module-level evaluation: straight-line top-level assignments in order; names assigned inside
// top-level compound statements are Dynamic (which branch ran is not known statically).
#include "alembic/evaluate_module.h"

#include <fmt/format.h>

#include "alembic/evaluate_strings.h"

namespace miglint::alembic {

using python::Kind;
using python::Node;

ModuleScope build_module_scope(const python::Module& module) {
  ModuleScope scope;
  scope.file = module.file;
  scope.imports.add_imports(module.body());
  EvalEnv env;
  env.file = module.file.get();
  env.imports = scope.imports;
  env.module_functions = &scope.functions;
  for (const Node* s : module.body()) {
    if (!s) continue;
    switch (s->kind) {
      case Kind::FunctionDef:
        scope.functions[std::string(s->name)] = s;
        env.locals.erase(std::string(s->name));
        break;
      case Kind::Assign:
        for (const Node* t : s->la) bind_target(t, eval_expr(s->a, env), env);
        break;
      case Kind::AnnAssign:
        if (s->c) bind_target(s->a, eval_expr(s->c, env), env);
        break;
      case Kind::Import: case Kind::ImportFrom: {
        std::vector<std::string_view> names;
        for (const Node* alias : s->la) env.locals.erase(std::string(alias->flags & Node::kHasName2 ? alias->name2 : alias->name.substr(0, alias->name.find('.'))));
        break;
      }
      case Kind::If: case Kind::For: case Kind::While: case Kind::With: case Kind::Try: case Kind::TryStar:
      case Kind::AugAssign: {
        std::vector<std::string_view> names;
        python::NodeList one{const_cast<Node**>(&s), 1};
        assigned_names_in(one, names);
        for (auto name : names)
          env.locals[std::string(name)] = make_dynamic(
              fmt::format("`{}` is assigned inside a module-level `{}`", name, python::kind_name(s->kind)), s->span, s);
        break;
      }
      default: break;
    }
  }
  scope.globals = std::move(env.locals);
  return scope;
}

}  // namespace miglint::alembic
