// Helpers for the static evaluation tests: load a revision from text, render OpCalls compactly.
#pragma once

#include <string>
#include <vector>

#include "alembic/op_call.h"
#include "alembic/revision_facts.h"
#include "alembic/value.h"

namespace miglint::alembic::testing {

inline std::string show(const Value& v) {
  if (v.kind == ValueKind::Object) {
    std::string out = v.receiver ? show(*v.receiver) + "." + v.callee : v.callee;
    if (!v.called) return out;
    out += "(";
    bool first = true;
    for (const auto& a : v.args) out += (first ? "" : ", ") + show(*a), first = false;
    for (const auto& [k, a] : v.kwargs) out += (first ? "" : ", ") + k + "=" + show(*a), first = false;
    return out + ")";
  }
  if (v.kind == ValueKind::Tuple || v.kind == ValueKind::List) {
    std::string out = v.kind == ValueKind::Tuple ? "(" : "[";
    for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + show(*v.items[i]);
    return out + (v.kind == ValueKind::Tuple ? ")" : "]");
  }
  if (v.kind == ValueKind::Dict) {
    std::string out = "{";
    for (size_t i = 0; i < v.entries.size(); ++i)
      out += (i ? ", " : "") + show(*v.entries[i].first) + ": " + show(*v.entries[i].second);
    return out + "}";
  }
  if (v.kind == ValueKind::Dynamic) return "<dynamic: " + v.reason + ">";
  return value_repr(v);
}

inline std::string show(const OpCall& c) {
  std::string out = c.receiver ? show(*c.receiver) + "." + c.name : c.name;
  out += "(";
  bool first = true;
  for (const auto& a : c.args) out += (first ? "" : ", ") + show(*a), first = false;
  for (const auto& [k, a] : c.kwargs) out += (first ? "" : ", ") + k + "=" + show(*a), first = false;
  out += ")";
  if (c.batch) out += " [batch " + c.batch->table + (c.batch->schema.empty() ? "" : " schema " + c.batch->schema) + "]";
  if (c.autocommit) out += " [autocommit]";
  return out;
}

struct Evaluated {
  Revision revision;
  OpProgram program;
  std::vector<std::string> calls;
  std::vector<std::string> problems;  // "rule: message"
};

inline Evaluated evaluate_text(std::string text, Phase phase = Phase::Upgrade) {
  std::vector<Diagnostic> diags;
  Evaluated e{load_revision(std::make_shared<SourceFile>("r.py", std::move(text)), diags), {}, {}, {}};
  e.program = evaluate_ops(e.revision, phase);
  for (const auto& c : e.program.calls) e.calls.push_back(show(c));
  for (const auto& u : e.program.unanalyzable) e.problems.push_back(u.rule + ": " + u.message);
  return e;
}

}  // namespace miglint::alembic::testing
