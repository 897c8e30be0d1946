#include "exec/alembic_fallback.h"

#include <fmt/format.h>

#include <filesystem>

#include "base/process.h"
#include "exec/version_rows.h"

namespace miglint::exec {

std::optional<std::vector<std::string>> alembic_step_arguments(const AlembicCommand& command,
                                                               const PlanStep& step, std::string& why_not) {
  if (command.config_file.empty()) {
    why_not = "Alembic needs a configuration file (alembic.ini), and this project has none";
    return std::nullopt;
  }
  std::vector<std::string> argv = command.program;
  argv.insert(argv.end(), {"-c", command.config_file, "-n", command.ini_section});
  if (step.upgrade) {
    argv.insert(argv.end(), {"upgrade", step.revision});
  } else {
    argv.insert(argv.end(), {"downgrade", step.revision + "-1"});
  }
  return argv;
}

std::optional<std::string> run_alembic_step(const AlembicCommand& command, const PlanStep& step,
                                            Connection& connection, std::string& log) {
  std::string why_not;
  auto argv = alembic_step_arguments(command, step, why_not);
  if (!argv) return why_not;
  std::string shown;
  for (const auto& a : *argv) shown += (shown.empty() ? "" : " ") + a;
  std::string cwd = std::filesystem::path(command.config_file).parent_path().string();
  ProcessResult r = run_process(*argv, cwd);
  log = r.out + r.err;
  if (!r.started) return fmt::format("cannot run `{}`: {}", shown, r.error);
  if (r.exit_code != 0) {
    // Alembic's last line is its error ("FAILED: …" or the exception).
    std::string last;
    std::string_view text = r.err.empty() ? std::string_view(r.out) : std::string_view(r.err);
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    auto nl = text.rfind('\n');
    last = std::string(nl == std::string_view::npos ? text : text.substr(nl + 1));
    return fmt::format("`{}` failed (exit status {}): {}", shown, r.exit_code, last);
  }
  VersionRows rows = read_version_rows(connection, command.version_table, command.version_table_schema);
  if (rows.error) return fmt::format("cannot read {} after `{}`: {}", rows.table, shown, rows.error->message);
  if (!same_heads(rows.heads, step.heads_after))
    return fmt::format(
        "after `{}` the database is at {}, but the plan expected {}: Alembic connected to another "
        "database, or ran more than this step; stopping",
        shown, heads_text(rows.heads), heads_text(step.heads_after));
  return std::nullopt;
}

}  // namespace miglint::exec
