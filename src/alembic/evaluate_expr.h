// The static evaluator of Python expressions inside a revision file: turns an expression into a
// Value using the module's imports, module-level constants and the local assignments seen so
// far. Never runs anything; what it cannot know is a Dynamic value naming the expression.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "alembic/imports.h"
#include "alembic/op_call.h"
#include "alembic/value.h"
#include "python/ast.h"

namespace miglint::alembic {

using Bindings = std::map<std::string, ValuePtr, std::less<>>;
using Functions = std::map<std::string, const python::Node*, std::less<>>;

struct EvalEnv {
  const SourceFile* file = nullptr;
  ImportMap imports;
  const Bindings* globals = nullptr;          // module-level names (null while evaluating them)
  const Functions* module_functions = nullptr;
  Bindings locals;                            // straight-line assignments so far, in order
  Functions local_functions;                  // `def` inside the function being walked
  // Database access found while evaluating (conn.execute, Session.query, sa.inspect...):
  // reported once each as unanalyzable-operation.
  std::vector<Unanalyzable>* effects = nullptr;
  // Inlines a call of a function defined in this file; unset = such calls are Dynamic.
  std::function<ValuePtr(const python::Node* call, const python::Node* def, EvalEnv& caller)> call_function;
};

ValuePtr eval_expr(const python::Node* n, EvalEnv& env);
// The same, but a reference to something miglint does not model (`os.environ`, a name imported
// from the project) stays an Object so that it can be called or its attributes read; eval_expr
// turns such a reference used as a value into a Dynamic value.
ValuePtr eval_callee(const python::Node* n, EvalEnv& env);
// Operators (evaluate_operators.cc).
ValuePtr eval_binop(const python::Node* n, EvalEnv& env);
ValuePtr eval_compare(const python::Node* n, EvalEnv& env);
ValuePtr eval_subscript(const python::Node* n, EvalEnv& env);
// A Dynamic value "`<source of n>` <why>".
ValuePtr dynamic_expr(const python::Node* n, EvalEnv& env, std::string_view why);
std::optional<int64_t> int_of(const Value& v);  // ints and bools
// Libraries whose objects are modelled as records (SQLAlchemy, Alembic, datetime...).
bool modelled(std::string_view callee);
ValuePtr eval_call(const python::Node* call, EvalEnv& env);  // evaluate_calls.cc

// Binds an assignment target (`x`, `a, b`, `(a, [b, c])`); anything else is ignored.
void bind_target(const python::Node* target, const ValuePtr& v, EvalEnv& env);
// Every name an assignment target (or a block of statements, for loops and branches) binds.
void assigned_names(const python::Node* target, std::vector<std::string_view>& out);
void assigned_names_in(const python::NodeList& body, std::vector<std::string_view>& out);

// A function defined in this file that `name` refers to (local first), or nullptr.
const python::Node* find_function(const EvalEnv& env, std::string_view name);

// The expression's source on one line, shortened (`conn.execute(...)`), for messages.
std::string short_source(const SourceFile& file, const python::Node* n);

std::optional<bool> truthiness(const Value& v);
bool values_equal(const Value& a, const Value& b);  // Python == on constants

ValuePtr make_bool(bool b, Span span, const python::Node* node);
ValuePtr make_int(int64_t i, Span span, const python::Node* node);
ValuePtr make_none(Span span, const python::Node* node);
ValuePtr make_seq(ValueKind kind, std::vector<ValuePtr> items, Span span, const python::Node* node);
ValuePtr make_object(std::string callee, bool called, Span span, const python::Node* node);

// `op.get_bind()`, a Session, a connection: calling methods on these reads or writes the database.
bool is_db_handle(const Value& v);

}  // namespace miglint::alembic
