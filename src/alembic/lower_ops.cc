// lower_ops: every OpCall of a program to its statements, with origin, transaction flag and
// an `unanalyzable-operation` diagnostic for what cannot be rendered.
#include "alembic/lowered.h"

#include <fmt/format.h>

#include "alembic/lower_call.h"
#include "alembic/lower_support.h"
#include "alembic/revision.h"

namespace miglint::alembic {

LoweredProgram lower_ops(const Revision& revision, const OpProgram& program) {
  LowerState state;
  return lower_ops(revision, program, state);
}

LoweredProgram lower_ops(const Revision& revision, const OpProgram& program, LowerState& state) {
  LoweredProgram result;
  lower::StyleScope style({state.paramstyle, state.literal_binds});
  auto diag = [&](std::string rule, std::string message, Span span) {
    Diagnostic d;
    d.rule = std::move(rule);
    d.severity = Severity::Error;
    d.location.file = revision.file;
    d.location.span = span;
    d.message = std::move(message);
    // The remedy differs: dynamic SQL can usually be written statically; an operation miglint
    // does not model is a limitation to report, not the author's fault.
    d.help = d.rule == "dynamic-sql"
                 ? "miglint cannot tell what SQL this runs, so no lock, destructive-operation or "
                   "reversibility rule checks it, and `miglint apply` will refuse the revision. Write "
                   "the SQL as a literal (module-level constants and f-strings of them are fine), "
                   "pass values with sa.text(\"... :v\").bindparams(v=<literal>), and keep data-"
                   "dependent work (reading rows, environment variables) out of the migration, or "
                   "use sa.table()/sa.column() constructs miglint renders. If it must stay dynamic, "
                   "suppress this finding with the reason: "
                   "`# miglint: ignore[dynamic-sql] -- <why>`"
                 : "miglint cannot tell what SQL this runs; the revision is not fully static";
    result.diagnostics.push_back(std::move(d));
    result.fully_static = false;
  };
  for (const auto& u : program.unanalyzable) diag(u.rule, u.message, u.span);
  for (const auto& call : program.calls) {
    lower::Ctx ctx;
    if (revision.file) ctx.source = revision.file->text();
    std::vector<lower::Out> outs;
    LowerState before = state;
    lower::lower_call(ctx, call, state, &outs);
    if (ctx.failed) {
      state = std::move(before);
      std::string message = ctx.message;
      if (ctx.span.empty() && !ctx.snippet(call.span).empty())
        message = fmt::format("Cannot render `{}`: {}", ctx.snippet(call.span), message);
      diag("unanalyzable-operation", message, ctx.span.empty() ? call.span : ctx.span);
      continue;
    }
    for (auto& o : outs) {
      LoweredStatement st;
      st.sql = std::move(o.sql);
      st.source_map = std::move(o.source_map);
      st.origin = call.span;
      st.in_transaction = !call.autocommit;
      result.statements.push_back(std::move(st));
    }
  }
  return result;
}

}  // namespace miglint::alembic
