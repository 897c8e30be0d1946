// miglint's command line: argument parsing only; each command lives in src/cli/.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/check.h"
#include "cli/check_output.h"
#include "cli/dump.h"
#include "cli/graph.h"
#include "cli/lock_model.h"
#include "cli/baseline_command.h"
#include "cli/normalize_sql.h"
#include "cli/rebase.h"
#include "cli/plan.h"
#include "cli/apply.h"
#include "cli/verify.h"
#include "cli/trace.h"
#include "cli/rules_command.h"
#include "cli/sql.h"
#include "cli/version.h"
#include "base/deep_stack.h"

namespace {

using miglint::alembic::LoadOptions;

// Options every project-reading command shares, bound to one LoadOptions.
// `paths`: the command takes several PATHs (check); else one, into `load.path`.
void add_load_options(CLI::App* cmd, LoadOptions& load, std::vector<std::string>* paths = nullptr) {
  if (paths)
    cmd->add_option("path", *paths,
                    "A folder or file inside the Alembic project (default: .); several revision files: "
                    "lint only those (the graph rules still see the whole project)");
  else
    cmd->add_option("path", load.path,
                    "A folder or file inside the Alembic project, or a bare versions folder (default: .)");
  cmd->add_option("-c,--config", load.config_file,
                  "Alembic configuration file (default: $ALEMBIC_CONFIG, else alembic.ini found by walking up)");
  cmd->add_option("-n,--name", load.ini_section, "Section of the ini file to read")->capture_default_str();
  cmd->add_option("-j,--jobs", load.jobs, "Parser threads (default: one per core)");
}

bool want_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (std::getenv("NO_COLOR")) return false;
  return isatty(STDOUT_FILENO) != 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"miglint: a static analyzer, linter and safe executor for Alembic migrations on PostgreSQL"};
  app.set_version_flag("--version", miglint::cli::version_text);
  app.require_subcommand(1);
  std::string color = "auto";
  app.add_option("--color", color, "Colour output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));

  miglint::cli::CheckOptions check;
  auto* check_cmd = app.add_subcommand("check", "Lint the revision files and their graph");
  add_load_options(check_cmd, check.load, &check.paths);
  check_cmd->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"text", "concise", "json", "sarif", "github", "gitlab", "junit"}))->capture_default_str();
  check_cmd->add_option("--select", check.select, "Run only these rule ids (comma-separated)")->delimiter(',');
  check_cmd->add_option("--ignore", check.ignore, "Skip these rule ids (comma-separated)")->delimiter(',');
  check_cmd->add_flag("--exit-zero", check.exit_zero, "Exit 0 even when errors are found (same as --fail-on never)");
  check_cmd->add_option("--fail-on", check.fail_on, "Exit 1 when a finding at or above this severity remains")
      ->check(CLI::IsMember({"warning", "error", "never"}))->capture_default_str();
  check_cmd->add_option("--summary", check.summary_file, "Append a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)");
  check_cmd->add_option("--docs-url", check.docs_url, "Absolute base URI of the rule pages in sarif, junit and --summary")
      ->check(CLI::Validator([](std::string& v) { return miglint::cli::absolute_uri(v) ? "" : "not an absolute URI: " + v; },
                             "URI"));
  check_cmd->add_option("--pg-version", check.pg_version,
                        "PostgreSQL major version of the target database (default: pg-version setting, else 15)")
      ->check(CLI::Range(9, 18));
  check_cmd->add_flag("--fix", check.fix, "Apply safe fixes to the files, then report what remains");
  check_cmd->add_flag("--diff", check.diff,
                      "Print the fixes --fix would apply as a unified diff and write nothing; exit 1 if there are any");
  check_cmd->add_flag("--unsafe-fixes", check.unsafe_fixes, "Also apply (or show) fixes marked unsafe");
  check_cmd->add_option("--since", check.since,
                        "Run revision rules only on revision files changed since the merge base of REF and HEAD "
                        "(graph rules still see the whole history)");
  check_cmd->add_option("--baseline", check.baseline, "Report only findings not listed in this baseline file");

  miglint::cli::RebaseOptions rebase;
  auto* rebase_cmd = app.add_subcommand("rebase", "Move a revision on top of another by rewriting its down_revision");
  rebase_cmd->add_option("revision", rebase.revision, "The revision to move (id or unique prefix)")->required();
  add_load_options(rebase_cmd, rebase.load);
  rebase_cmd->add_option("--onto", rebase.onto, "The revision to put it on: an id, a unique prefix, or `head`")
      ->required();
  rebase_cmd->add_flag("--dry-run", rebase.dry_run, "Print the change as a unified diff and write nothing");

  miglint::cli::BaselineOptions baseline;
  auto* baseline_cmd = app.add_subcommand("baseline", "Record the current findings, so `check --baseline` reports only new ones");
  add_load_options(baseline_cmd, baseline.check.load);
  baseline_cmd->add_option("-o,--output", baseline.output, "Where to write the baseline")->capture_default_str();

  miglint::cli::GraphOptions graph;
  auto* graph_cmd = app.add_subcommand("graph", "Show the revision history (heads, merges, branches)");
  add_load_options(graph_cmd, graph.load);
  graph_cmd->add_option("--format", graph.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "dot", "mermaid"}))->capture_default_str();

  miglint::cli::DumpOptions dump;
  auto* dump_cmd = app.add_subcommand("dump", "Print the facts extracted from one revision file");
  dump_cmd->add_option("files", dump.files, "Revision files")->required();
  dump_cmd->add_option("--format", dump.format, "Output format")
      ->check(CLI::IsMember({"json", "text"}))->capture_default_str();
  dump_cmd->add_flag("--ast", dump.ast, "Print the canonical syntax tree instead of the revision facts");

  miglint::cli::SqlOptions sql;
  auto* sql_cmd = app.add_subcommand("sql", "Print the SQL an upgrade or downgrade would run (like `alembic upgrade --sql`)");
  add_load_options(sql_cmd, sql.load);
  sql_cmd->add_option("range", sql.range, "Revision range: base:head, rev1:rev2, head, branch@head (default: base:heads)");
  sql_cmd->add_flag("--downgrade", sql.downgrade, "Render the downgrade of RANGE (from:to, newest first)");
  sql_cmd->add_option("--format", sql.format, "Output format")
      ->check(CLI::IsMember({"text", "normalized", "json"}))->capture_default_str();

  miglint::cli::PlanOptions plan;
  auto* plan_cmd = app.add_subcommand("plan", "Show the steps, SQL, locks and findings of migrating a database to TARGET, and whether the plan is verified");
  add_load_options(plan_cmd, plan.load);
  plan_cmd->add_option("--to", plan.to, "Target: heads (default), head, a revision or unique prefix, branch@head, +N, -N, base");
  plan_cmd->add_option("--database-url", plan.database_url,
                       "postgresql://user:password@host:port/dbname (default: DB_USER, DB_PASSWORD, DB_HOST, DB_PORT, DB_NAME, else PGHOST, PGPORT, ...)");
  plan_cmd->add_option("--format", plan.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))->capture_default_str();

  miglint::cli::ApplyOptions apply;
  auto* apply_cmd = app.add_subcommand("apply", "Run the verified plan to TARGET on the database, keeping alembic_version as Alembic writes it");
  add_load_options(apply_cmd, apply.load);
  apply_cmd->add_option("--to", apply.to, "Target: heads (default), head, a revision or unique prefix, branch@head, +N, -N, base");
  apply_cmd->add_option("--database-url", apply.database_url,
                        "postgresql://user:password@host:port/dbname (default: DB_USER, DB_PASSWORD, DB_HOST, DB_PORT, DB_NAME, else PGHOST, PGPORT, ...)");
  apply_cmd->add_flag("--dry-run", apply.dry_run, "Print the plan and whether it would run; execute nothing");
  apply_cmd->add_option("--wait", apply.wait_seconds, "Seconds to wait for another apply's migration lock (default: as long as it takes)")
      ->check(CLI::NonNegativeNumber);
  apply_cmd->add_flag("--alembic-fallback", apply.alembic_fallback,
                      "Run steps miglint cannot analyse completely through `alembic upgrade|downgrade` instead of refusing");
  apply_cmd->add_option("--alembic", apply.alembic, "How to run Alembic for --alembic-fallback")->capture_default_str();

  miglint::cli::VerifyOptions verify;
  auto* verify_cmd = app.add_subcommand("verify", "Upgrade, downgrade and upgrade again on a scratch database, comparing the schema at every revision");
  add_load_options(verify_cmd, verify.load);
  verify_cmd->add_option("--database-url", verify.database_url,
                         "A scratch database at base (default: start a throwaway PostgreSQL with initdb)");
  verify_cmd->add_option("--pg-bin", verify.pg_bin, "PostgreSQL's bin folder for the throwaway cluster (default: pg_config --bindir)");
  verify_cmd->add_option("--format", verify.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();

  miglint::cli::TraceOptions trace;
  auto* trace_cmd = app.add_subcommand("trace", "Run the plan on a scratch database and show the locks PostgreSQL takes beside the lock model's prediction");
  add_load_options(trace_cmd, trace.load);
  trace_cmd->add_option("--to", trace.to, "Target: heads (default), head, a revision or unique prefix, branch@head, +N, -N, base");
  trace_cmd->add_option("--database-url", trace.database_url,
                        "A scratch database (every step is committed; default: start a throwaway PostgreSQL with initdb)");
  trace_cmd->add_option("--pg-bin", trace.pg_bin, "PostgreSQL's bin folder for the throwaway cluster (default: pg_config --bindir)");
  trace_cmd->add_option("--format", trace.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();

  std::string normalize_file;
  auto* normalize_cmd = app.add_subcommand("normalize-sql", "Print each statement of a SQL file normalised through libpg_query");
  normalize_cmd->add_option("file", normalize_file, "SQL file, or - for standard input")->required();
  normalize_cmd->group("");  // a tool for tests and debugging; not listed in --help

  std::string lock_file;
  int lock_pg_version = 15;
  auto* lock_cmd = app.add_subcommand("lock-model", "Print the lock model's prediction for each statement of a SQL file");
  lock_cmd->add_option("file", lock_file, "SQL file, or - for standard input")->required();
  lock_cmd->add_option("--pg-version", lock_pg_version, "PostgreSQL major version")->check(CLI::Range(9, 18));
  lock_cmd->group("");

  std::string rules_format = "text";
  auto* rules_cmd = app.add_subcommand("rules", "List every rule");
  rules_cmd->add_option("--format", rules_format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))->capture_default_str();

  std::string explain_id;
  auto* explain_cmd = app.add_subcommand("explain", "Explain one rule");
  explain_cmd->add_option("rule", explain_id, "Rule id")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 exits 0 for --help/--version; everything else is a usage error (exit 2).
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  bool colored = want_color(color);
  // The commands parse and walk syntax trees up to 3,000 levels deep: they run on a thread with
  // a stack sized for that in every build, and so do the threads they start (base/deep_stack.h).
  miglint::use_deep_thread_stacks();
  return miglint::run_on_deep_stack([&]() -> int {
    if (*check_cmd) {
      check.color = colored;
      return miglint::cli::run_check(check);
    }
    if (*graph_cmd) {
      graph.color = colored;
      return miglint::cli::run_graph(graph);
    }
    if (*rebase_cmd) return miglint::cli::run_rebase(rebase);
    if (*baseline_cmd) return miglint::cli::run_baseline(baseline);
    if (*dump_cmd) return miglint::cli::run_dump(dump);
    if (*sql_cmd) return miglint::cli::run_sql(sql);
    if (*plan_cmd) return miglint::cli::run_plan(plan);
    if (*apply_cmd) return miglint::cli::run_apply(apply);
    if (*verify_cmd) return miglint::cli::run_verify(verify);
    if (*trace_cmd) return miglint::cli::run_trace(trace);
    if (*normalize_cmd) return miglint::cli::run_normalize_sql(normalize_file);
    if (*lock_cmd) return miglint::cli::run_lock_model(lock_file, lock_pg_version);
    if (*rules_cmd) return miglint::cli::run_rules(rules_format);
    if (*explain_cmd) return miglint::cli::run_explain(explain_id);
    return 2;
  });
}
