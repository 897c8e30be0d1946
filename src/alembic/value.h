// Values of Python expressions that miglint evaluates statically (never by running the file):
// literals, folded constants, and calls to known library objects kept as structured records.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/span.h"

namespace miglint::python {
struct Node;
}

namespace miglint::alembic {

struct Value;
using ValuePtr = std::shared_ptr<const Value>;

enum class ValueKind {
  None, Bool, Int, Float, Str, Bytes,
  Tuple, List, Dict,
  // A reference to, or a call of, something miglint models but does not execute:
  // `sa.Column("id", sa.Integer(), primary_key=True)`, `sa.Text` (a class), `sa.func.now()`,
  // `op.f("ix_name")`, `sa.text("now()")`, `postgresql.ENUM(...)`.
  Object,
  // Could not be evaluated statically; `reason` and `span` say which expression and why.
  Dynamic,
};

struct Value {
  ValueKind kind = ValueKind::Dynamic;
  Span span;  // the expression that produced the value (for diagnostics)

  bool boolean = false;
  int64_t integer = 0;
  double real = 0;

  // Str/Bytes: decoded text, and for each byte of it the file offset it came from (size
  // text.size() + 1 when mappable, else empty): how a SQL error inside op.execute("...") is
  // reported at its exact line and column.
  std::string text;
  std::vector<uint32_t> text_source;

  std::vector<ValuePtr> items;                         // Tuple, List
  std::vector<std::pair<ValuePtr, ValuePtr>> entries;  // Dict

  // Object: `callee` is the canonical dotted name after resolving imports
  // (`import sqlalchemy as sa` makes `sa.String` "sqlalchemy.String"; `from
  // sqlalchemy.dialects import postgresql` makes `postgresql.UUID`
  // "sqlalchemy.dialects.postgresql.UUID"). `called` is false for a bare reference (`sa.Text`).
  // A method call on an object (`sa.Enum(...).create`) has `receiver` set and `callee` the method.
  std::string callee;
  bool called = false;
  ValuePtr receiver;
  std::vector<ValuePtr> args;
  std::vector<std::pair<std::string, ValuePtr>> kwargs;

  std::string reason;  // Dynamic

  const python::Node* node = nullptr;  // the expression's AST node (owned by the Module)

  // Convenience for lowering.
  bool is(ValueKind k) const { return kind == k; }
  bool is_object(std::string_view name) const { return kind == ValueKind::Object && callee == name; }
  const Value* kwarg(std::string_view name) const;  // nullptr when absent
  const Value* arg(size_t i) const { return i < args.size() ? args[i].get() : nullptr; }
  // The file offset decoded byte i of a Str/Bytes came from (span.begin when unmapped).
  uint32_t source_offset(size_t i) const {
    if (text_source.empty()) return span.begin;
    return text_source[i < text_source.size() ? i : text_source.size() - 1];
  }
};

// The first Dynamic value in `v` or anything it holds (items, entries, receiver, args, kwargs),
// or nullptr when `v` is fully static.
const Value* find_dynamic(const Value& v);

// Python's repr() of a constant value ("'a'", "(1, 'b')", "None", "True"); objects render as
// "callee(...)" and Dynamic as "<dynamic>" (for messages and debugging only).
std::string value_repr(const Value& v);

}  // namespace miglint::alembic
