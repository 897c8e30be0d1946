// Lowering of one OpCall: the statements Alembic 1.8's PostgresqlImpl executes for it.
#pragma once

#include <string>
#include <vector>

#include "alembic/lower_support.h"
#include "alembic/lowered.h"

namespace miglint::alembic::lower {

// One statement before it gets its origin: SQL plus (for verbatim string SQL) its source map.
struct Out {
  std::string sql;
  std::vector<uint32_t> source_map;
};

// A call's arguments by the operation's parameter names (batch_op calls lack the table).
struct CallArgs {
  const OpCall& call;
  std::vector<std::string_view> params;
  const Value* get(std::string_view name) const;
  // Positional arguments past the named parameters (create_table's columns, exclude elements).
  std::vector<const Value*> rest() const;
};

void lower_call(Ctx& ctx, const OpCall& call, LowerState& state, std::vector<Out>* out);
void lower_execute(Ctx& ctx, const CallArgs& a, const LowerState& state, std::vector<Out>* out);
// `t.update().where(...).values(...)`, `t.delete()...`, `t.insert().values(...)` on a
// lightweight sa.table(...); false when `v` is not such a chain.
bool lower_dml_chain(Ctx& ctx, const Value& v, bool literal_binds, std::string* sql);
void lower_bulk_insert(Ctx& ctx, const CallArgs& a, std::vector<Out>* out);

}  // namespace miglint::alembic::lower
