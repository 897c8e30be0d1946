// The Alembic operations a revision's upgrade()/downgrade() performs, in order, with their
// context, after static evaluation (loops over literal sequences unrolled, dialect checks and
// helper functions in the same file resolved).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alembic/value.h"
#include "base/diagnostic.h"

namespace miglint::alembic {

struct Revision;

// `with op.batch_alter_table("t", schema="s") as batch_op:` around a call.
struct BatchContext {
  std::string table;
  std::string schema;  // "" when none
  Span span;
  // The evaluated `op.batch_alter_table(...)` call (Object), for its other options
  // (`recreate=`, `table_args=`...); null when it could not be evaluated.
  ValuePtr call = nullptr;
};

struct OpCall {
  // The operation: an `op.<name>` / `batch_op.<name>` method ("create_table", "add_column",
  // "execute", "bulk_insert", ...), or a call on a modelled object that emits SQL:
  // "type_create" / "type_drop" for `sa.Enum(...).create(op.get_bind())` / `.drop(...)`.
  std::string name;
  Span span;                      // the whole call expression
  const python::Node* node = nullptr;
  std::vector<ValuePtr> args;     // evaluated positional arguments
  std::vector<std::pair<std::string, ValuePtr>> kwargs;
  ValuePtr receiver;              // type_create / type_drop: the type object
  std::optional<BatchContext> batch;
  bool autocommit = false;        // inside `with op.get_context().autocommit_block():`

  const Value* kwarg(std::string_view key) const;
  const Value* arg(size_t i) const { return i < args.size() ? args[i].get() : nullptr; }
};

// What could not be analysed statically: SQL built at run time, `op.get_bind()` with Python
// logic, ORM sessions. Never guessed: it becomes a diagnostic and marks the function not static.
struct Unanalyzable {
  std::string rule;     // "dynamic-sql" or "unanalyzable-operation"
  std::string message;  // which expression and why
  Span span;
};

struct OpProgram {
  std::vector<OpCall> calls;
  std::vector<Unanalyzable> unanalyzable;
  bool fully_static() const { return unanalyzable.empty(); }
};

enum class Phase { Upgrade, Downgrade };

// Evaluates the revision's upgrade() or downgrade() body.
OpProgram evaluate_ops(const Revision& revision, Phase phase);

}  // namespace miglint::alembic
