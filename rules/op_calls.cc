#include "rules/op_calls.h"

#include "alembic/revision.h"
#include "lint/python_edits.h"
#include "python/ast.h"

namespace miglint::rules {

bool is_op_call(const python::Node* call, std::string_view name) {
  return call && call->kind == python::Kind::Call && call->a &&
         call->a->kind == python::Kind::Attribute && (name.empty() || call->a->name == name) &&
         call->a->a && call->a->a->kind == python::Kind::Name && call->a->a->name == "op";
}

std::string string_argument(const python::Node* call, std::size_t position, std::string_view keyword) {
  if (!call || call->kind != python::Kind::Call) return {};
  auto text = [](const python::Node* n) -> std::string {
    if (n && n->kind == python::Kind::Constant && n->const_kind() == python::ConstKind::Str)
      return std::string(n->str);
    return {};
  };
  for (const python::Node* k : call->lb)
    if (k->name == keyword) return text(k->a);
  return call->la.size() > position ? text(call->la[position]) : std::string();
}

std::string python_string(std::string_view text) {
  char quote = text.find('"') != std::string_view::npos && text.find('\'') == std::string_view::npos ? '\'' : '"';
  std::string out(1, quote);
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      if (out.back() != ' ') out += ' ';
      continue;
    }
    if (c == '\\' || c == quote) out += '\\';
    out += c;
  }
  out += quote;
  return out;
}

bool only_statement_of_call(const lint::Migration& m, const lint::MigrationStatement& s) {
  if (!s.lowered) return false;
  int count = 0;
  for (const auto& other : m.statements())
    if (other.lowered && other.lowered->origin == s.lowered->origin) ++count;
  return count == 1;
}

std::optional<Fix> concurrently_fix(const lint::Migration& m, const lint::MigrationStatement& s,
                                    const python::Node& call, std::string wrap_title) {
  const SourceFile& file = *m.revision().file;
  auto keyword = lint::add_keyword_argument(file, call, "postgresql_concurrently", "True");
  if (!keyword) return std::nullopt;
  if (!s.in_transaction()) return Fix{"Add postgresql_concurrently=True", true, {*keyword}};
  std::vector<Edit> edits = lint::wrap_in_autocommit_block(file, call);
  if (edits.empty()) return std::nullopt;
  edits.push_back(*keyword);
  return Fix{std::move(wrap_title), false, std::move(edits)};
}

}  // namespace miglint::rules
