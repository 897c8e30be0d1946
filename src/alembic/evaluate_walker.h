// The statement walker behind evaluate_ops(): runs upgrade()/downgrade() statically, statement
// by statement (evaluate_ops.cc: statements, calls, assignments; evaluate_blocks.cc: loops,
// branches, `with`, `try` and inlined helpers).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alembic/evaluate_expr.h"
#include "alembic/evaluate_module.h"

namespace miglint::alembic {

enum class Flow { Normal, Break, Continue, Return };

constexpr size_t kMaxSteps = 200000;   // statements executed, loops and helpers included
constexpr size_t kMaxIterations = 10000;
constexpr size_t kMaxDepth = 8;        // nested helper calls

// `logger.info(...)` and friends: no effect on the database.
bool is_log_call(const python::Node* call);
// Whether statements can do something beyond binding names (calls other than logging and
// list/dict mutation, in nested blocks too).
bool has_effects(const python::NodeList& body);

class Walker {
 public:
  Walker(const ModuleScope& module, OpProgram& out) : module_(module), out_(out) {}
  EvalEnv make_env();
  void run(const python::Node* def);
  ValuePtr inline_call(const python::Node* call, const python::Node* def, EvalEnv& caller);

 private:
  void report(std::string rule, std::string message, Span span);
  std::string src(const EvalEnv& env, const python::Node* n);
  Flow block(const python::NodeList& body, EvalEnv& env);
  // Names assigned in code miglint does not run become Dynamic with `why`.
  void poison(const python::NodeList& body, EvalEnv& env, const std::string& why, Span span);
  Flow stmt(const python::Node* s, EvalEnv& env);
  // The span of the argument of `call` that holds `dynamic` (best effort), else the call.
  Span dynamic_arg_span(const python::Node* call, const Value& object, std::string* arg_src, const EvalEnv& env);
  void emit(std::string name, const python::Node* call, const ValuePtr& object, EvalEnv& env, ValuePtr receiver = nullptr);
  // `rows.append(x)`, `d.update(...)`: a mutation of a local constant. True when handled.
  bool mutation(const python::Node* call, EvalEnv& env);
  void not_analysed(const python::Node* call, const std::string& reason, const EvalEnv& env);
  void call_statement(const python::Node* call, EvalEnv& env);
  void assign(const python::Node* s, EvalEnv& env);
  void aug_assign(const python::Node* s, EvalEnv& env);
  Span header_span(const python::Node* s, const python::Node* last);
  Flow for_loop(const python::Node* s, EvalEnv& env);
  Flow if_stmt(const python::Node* s, EvalEnv& env);
  Flow while_loop(const python::Node* s, EvalEnv& env);
  Flow with_stmt(const python::Node* s, EvalEnv& env);
  Flow try_stmt(const python::Node* s, EvalEnv& env);

  const ModuleScope& module_;
  OpProgram& out_;
  std::optional<BatchContext> batch_;
  bool autocommit_ = false;
  std::vector<const python::Node*> active_;
  size_t steps_ = 0;
  ValuePtr return_value_;
};

}  // namespace miglint::alembic
