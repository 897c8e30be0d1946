#include "cli/exec_failure.h"

#include <fmt/format.h>

#include "exec/connection_settings.h"
#include "report/render.h"

namespace miglint::cli {
namespace {

// PostgreSQL's error as a finding at the op call that produced the statement.
Diagnostic failure_diagnostic(const exec::Plan& plan, const exec::ExecuteFailure& f) {
  Diagnostic d;
  d.severity = Severity::Error;
  if (f.step >= plan.steps.size()) {  // before the first step (a session setting)
    d.message = f.error ? f.error->message : f.message;
    return d;
  }
  const exec::PlanStep& step = plan.steps[f.step];
  if (f.statement && f.statement < step.statements.size()) {
    const exec::PlanStatement& s = step.statements[*f.statement];
    if (s.origin) d.location = *s.origin;
    else d.location.path = step.path;
    d.message = fmt::format("{} failed: {}{}", step.log, f.error ? f.error->message : f.message,
                            f.error && !f.error->sqlstate.empty() ? " (SQLSTATE " + f.error->sqlstate + ")" : "");
    std::string sql = s.sql.size() > 600 ? s.sql.substr(0, 600) + " …" : s.sql;
    d.notes.push_back(Note{"statement: " + sql + ";", std::nullopt});
    if (f.error && !f.error->detail.empty()) d.notes.push_back(Note{"detail: " + f.error->detail, std::nullopt});
    if (f.error && !f.error->hint.empty()) d.notes.push_back(Note{"hint: " + f.error->hint, std::nullopt});
  } else {
    d.location.path = step.path;
    d.message = fmt::format("{} failed: {}", step.log, f.error ? f.error->message : f.message);
  }
  return d;
}

}  // namespace

std::string render_execute_failure(const exec::Plan& plan, const exec::ExecuteFailure& failure,
                                   const std::vector<std::string>& secrets, bool color) {
  Diagnostic d = failure_diagnostic(plan, failure);
  d.message = exec::scrub(d.message, secrets);
  for (auto& n : d.notes) n.message = exec::scrub(n.message, secrets);
  return report::render_text({d}, report::Summary{0, false}, color);
}

}  // namespace miglint::cli
