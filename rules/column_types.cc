#include "rules/column_types.h"

#include "alembic/revision.h"
#include "lint/rule.h"
#include "python/ast.h"
#include "sql/alter_table.h"
#include "sql/ddl.h"

namespace miglint::rules {
namespace {

using python::Kind;
using python::Node;

bool is_column_call(const Node* n, std::string_view column) {
  if (!n || n->kind != Kind::Call || !n->a || n->la.empty()) return false;
  const Node* f = n->a;
  bool named_column = (f->kind == Kind::Attribute || f->kind == Kind::Name) && f->name == "Column";
  const Node* first = n->la[0];
  return named_column && first && first->kind == Kind::Constant &&
         first->const_kind() == python::ConstKind::Str && first->str == column;
}

// Depth-first through the call's arguments (and lists, tuples, nested calls in them).
const Node* find_column_call(const Node* n, std::string_view column, int depth = 0) {
  if (!n || depth > 8) return nullptr;
  if (is_column_call(n, column)) return n;
  for (const Node* child : {n->a, n->b, n->c})
    if (const Node* found = find_column_call(child, column, depth + 1)) return found;
  for (const python::NodeList* list : {&n->la, &n->lb, &n->lc, &n->ld, &n->le})
    for (const Node* child : *list)
      if (const Node* found = find_column_call(child, column, depth + 1)) return found;
  return nullptr;
}

bool is_string(const Node* n, std::string_view value) {
  return n && n->kind == Kind::Constant && n->const_kind() == python::ConstKind::Str && n->str == value;
}

const Node* find_string(const Node* n, std::string_view value, int depth) {
  if (!n || depth > 8) return nullptr;
  if (is_string(n, value)) return n;
  for (const Node* child : {n->a, n->b, n->c})
    if (const Node* found = find_string(child, value, depth + 1)) return found;
  for (const python::NodeList* list : {&n->la, &n->lb, &n->lc, &n->ld, &n->le})
    for (const Node* child : *list)
      if (const Node* found = find_string(child, value, depth + 1)) return found;
  return nullptr;
}

const Node* keyword_value(const Node* call, std::string_view name) {
  if (!call || call->kind != Kind::Call) return nullptr;
  for (const Node* k : call->lb)
    if (k && k->has_name() && k->name == name) return k->a;
  return nullptr;
}

}  // namespace

const Node* find_string_argument(const Node* call, std::string_view value) {
  if (!call || call->kind != Kind::Call) return nullptr;
  for (const Node* a : call->la)
    if (const Node* found = find_string(a, value, 0)) return found;
  for (const Node* k : call->lb)
    if (const Node* found = find_string(k, value, 0)) return found;
  return nullptr;
}

std::vector<DeclaredColumn> declared_columns(const sql::Statement& st) {
  std::vector<DeclaredColumn> out;
  using Source = DeclaredColumn::Source;
  if (auto t = sql::as_create_table(st)) {
    for (const auto& c : t->columns)
      if (!c.type.empty()) out.push_back({t->relation.str(), c.name, c.type, Source::CreateTable});
  } else if (auto a = sql::as_alter_table(st)) {
    if (a->object_type != sql::ObjectType::Table) return out;
    for (const auto& cmd : a->commands) {
      if (!cmd.column || cmd.column->type.empty()) continue;
      if (cmd.type == sql::AlterTableType::AddColumn || cmd.type == sql::AlterTableType::AddColumnRecurse)
        out.push_back({a->relation.str(), cmd.column->name, cmd.column->type, Source::AddColumn});
      else if (cmd.type == sql::AlterTableType::AlterColumnType)
        out.push_back({a->relation.str(), cmd.name, cmd.column->type, Source::AlterType});
    }
  }
  return out;
}

bool is_builtin(const sql::TypeRef& type, std::string_view name) {
  if (type.names.empty() || type.names.back() != name) return false;
  return type.names.size() == 1 || (type.names.size() == 2 && type.names[0] == "pg_catalog");
}

Diagnostic& report_column(const lint::Migration& m, lint::RuleContext& ctx, const lint::MigrationStatement& s,
                          const DeclaredColumn& column, std::string message, std::string help) {
  const Node* call = m.op_call(s);
  const Node* at = nullptr;
  if (column.source == DeclaredColumn::Source::AlterType)
    at = keyword_value(call, "type_");
  else if (call)
    at = find_column_call(call, column.column);
  if (!at) return m.report(ctx, s, std::move(message), std::move(help));
  Diagnostic& d = ctx.report(Location{m.revision().file, at->span, {}}, std::move(message), std::move(help));
  if (s.lowered) d.origin = s.lowered->origin;
  return d;
}

}  // namespace miglint::rules
