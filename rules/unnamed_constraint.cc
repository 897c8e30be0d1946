// unnamed-constraint: a constraint or index created or dropped with name None.
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"
#include "python/ast.h"

namespace miglint::rules {
namespace {

struct NamedOp {
  std::string_view name;     // op method
  std::string_view keyword;  // the name's keyword spelling
  std::string_view what;
  bool drop;
};

constexpr std::array<NamedOp, 8> kOps = {{
    {"create_foreign_key", "constraint_name", "foreign key", false},
    {"create_unique_constraint", "constraint_name", "unique constraint", false},
    {"create_check_constraint", "constraint_name", "check constraint", false},
    {"create_primary_key", "constraint_name", "primary key", false},
    {"create_exclude_constraint", "constraint_name", "exclusion constraint", false},
    {"drop_constraint", "constraint_name", "constraint", true},
    {"create_index", "index_name", "index", false},
    {"drop_index", "index_name", "index", true},
}};

bool is_none(const python::Node* n) {
  return n && n->kind == python::Kind::Constant && n->const_kind() == python::ConstKind::None;
}

// The argument that names the object: the first positional, or the keyword.
const python::Node* name_argument(const python::Node& call, std::string_view keyword) {
  if (!call.la.empty()) return call.la[0];
  for (const python::Node* k : call.lb)
    if (k->name == keyword) return k->a;
  return nullptr;
}

}  // namespace

void check_unnamed_constraint(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev) || !rev.file || !rev.parsed_cleanly()) continue;
    for (const alembic::Function* fn : {&rev.upgrade, &rev.downgrade}) {
      for (const auto& site : fn->calls) {
        if (!site.node || site.callee.rfind("op.", 0) != 0) continue;
        std::string_view method = std::string_view(site.callee).substr(3);
        for (const NamedOp& op : kOps) {
          if (method != op.name) continue;
          // drop_*(None, ...) cannot even be rendered: lowering reports it where it stands
          // (unanalyzable-operation, "name the constraint"), so it is not reported twice.
          if (op.drop) break;
          const python::Node* arg = name_argument(*site.node, op.keyword);
          if (!is_none(arg)) break;
          std::string message =
              op.drop ? fmt::format("op.{}() is given None for the {}'s name: Alembic cannot drop an object it "
                                    "cannot name, so this fails at run time", op.name, op.what)
                      : fmt::format("The {} is created without a name: PostgreSQL chooses one, which the "
                                    "downgrade (and any later migration) has to guess", op.what);
          ctx.report({rev.file, arg->span, {}}, std::move(message),
                     fmt::format("Name it explicitly, as autogenerate does when target_metadata has a naming "
                                 "convention:\n    op.{}(op.f(\"fk_orders_account_id_accounts\"), ...)\n"
                                 "and use the same name in downgrade(). (With a `naming_convention` on the "
                                 "MetaData env.py passes as target_metadata, Alembic fills in None names; "
                                 "miglint does not read env.py's metadata yet, so suppress the finding "
                                 "if you rely on that.)", op.name));
          break;
        }
      }
    }
  }
}

}  // namespace miglint::rules
