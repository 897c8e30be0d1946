#include "cli/verify.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>

#include "alembic/env_config.h"
#include "cli/exec_failure.h"
#include "cli/plan_render.h"
#include "cli/scratch_database.h"
#include "exec/alembic_fallback.h"
#include "exec/plan_target.h"
#include "exec/verify.h"
#include "exec/version_rows.h"

namespace miglint::cli {
namespace {

constexpr std::size_t kShownFacts = 20;

void print_diff(const exec::SnapshotDiff& diff) {
  std::size_t shown = 0;
  for (const auto& f : diff.missing)
    if (shown++ < kShownFacts) fmt::print("      - {}\n", f);
  for (const auto& f : diff.extra)
    if (shown++ < kShownFacts) fmt::print("      + {}\n", f);
  if (shown > kShownFacts) fmt::print("      … and {} more\n", shown - kShownFacts);
}

nlohmann::ordered_json step_json(const exec::VerifyStep& s) {
  return {{"phase", exec::phase_name(s.phase)}, {"revision", s.revision}, {"log", s.log}, {"path", s.path},
          {"seconds", s.seconds}, {"compared", s.compared}, {"missing", s.diff.missing}, {"extra", s.diff.extra}};
}

}  // namespace

int run_verify(const VerifyOptions& options) {
  alembic::Project project;
  ScratchDatabase db;
  if (!load_with_scratch_database(options.load, options.database_url, options.pg_bin, "miglint verify", project, db))
    return 2;
  std::vector<Diagnostic> env_problems;
  alembic::EnvConfig env = alembic::read_env_config(project.settings, env_problems, alembic::EnvMode::Online);
  std::string schema = env.version_table_schema.value_or("");
  exec::VersionRows rows = exec::read_version_rows(db.connection, env.version_table, schema);
  if (rows.error || !rows.heads.empty()) {
    fmt::print(stderr,
               "miglint: verify runs every upgrade and downgrade, so it needs a scratch database at base; {} {}\n",
               db.description,
               rows.error ? "cannot be read: " + rows.error->message : "is at " + exec::heads_text(rows.heads));
    return 2;
  }
  const bool text = options.format == "text";
  if (text) fmt::print("verify on {}\n", db.description);

  auto plan_for = [&](bool downgrade, exec::Plan& plan) -> std::optional<std::string> {
    exec::PlanRequest request{downgrade ? "base" : "heads",
                              downgrade ? exec::Direction::Downgrade : exec::Direction::Upgrade, options.load.jobs,
                              db.description};
    if (auto error = exec::plan_from_database(project, db.connection, request, rule_catalog(), plan)) return error;
    // Only what verify cannot run is a reason to stop: findings are `check`'s and `apply`'s
    // business, and a scratch database is where to try a plan they would refuse.
    if (!plan.not_static_reasons.empty()) {
      std::string reasons;
      for (const auto& r : plan.not_static_reasons) reasons += (reasons.empty() ? "" : "; ") + r;
      return "cannot verify what miglint cannot run: " + reasons;
    }
    return std::nullopt;
  };
  std::optional<exec::VerifyPhase> shown_phase;
  exec::SnapshotDiff last_diff;  // a leftover carries into every later state: said once
  auto on_step = [&](const exec::VerifyStep& s) {
    if (!text) return;
    if (s.phase != shown_phase) {
      fmt::print("{}:\n", exec::phase_name(s.phase));
      shown_phase = s.phase;
      last_diff = {};
    }
    bool same = !s.diff.empty() && s.diff.missing == last_diff.missing && s.diff.extra == last_diff.extra;
    std::string verdict = !s.compared      ? ""
                          : s.diff.empty() ? "  schema equal"
                          : same           ? "  SCHEMA DIFFERS (as above)"
                                           : "  SCHEMA DIFFERS";
    fmt::print("  {}  {:.2f}s{}\n", s.log, s.seconds, verdict);
    if (s.compared && !s.diff.empty() && !same) print_diff(s.diff);
    if (s.compared) last_diff = s.diff;
    std::fflush(stdout);
  };
  exec::VerifyReport report = exec::run_verify(db.connection, env.version_table, schema, plan_for, on_step);

  if (!text) {
    nlohmann::ordered_json doc;
    doc["database"] = db.description;
    auto steps = nlohmann::ordered_json::array();
    for (const auto& s : report.steps) steps.push_back(step_json(s));
    doc["steps"] = std::move(steps);
    doc["mismatches"] = report.mismatches;
    if (report.first_mismatch) doc["first_mismatch"] = report.steps[*report.first_mismatch].revision;
    if (report.error) doc["error"] = exec::scrub(*report.error, db.settings.secrets);
    if (report.failure) {
      const exec::PlanStep* step = report.failure->step < report.failure_plan->steps.size()
                                       ? &report.failure_plan->steps[report.failure->step] : nullptr;
      doc["failure"] = {{"phase", exec::phase_name(*report.failure_phase)},
                        {"revision", step ? step->revision : ""},
                        {"message", exec::scrub(report.failure->error ? report.failure->error->message : report.failure->message,
                                                db.settings.secrets)}};
    }
    doc["ok"] = !report.error && !report.failure && report.mismatches == 0;
    fmt::print("{}\n", doc.dump(2));
  }
  if (report.error) {
    fmt::print(stderr, "miglint: {}\n", exec::scrub(*report.error, db.settings.secrets));
    return 2;
  }
  // A downgrade that leaves something behind often makes a later step fail (the second
  // CREATE TYPE of a leaked enum): the mismatch is the cause, so it is the headline and the
  // exit code, and the failure is shown after it.
  if (report.first_mismatch) {
    const exec::VerifyStep& s = report.steps[*report.first_mismatch];
    fmt::print(stderr, "miglint: {} of {} (in {}) does not restore {}: {} fact(s) missing, {} extra; {} step(s) differ\n",
               s.phase == exec::VerifyPhase::Downgrade ? "the downgrade" : "the upgrade after the downgrade",
               s.revision, s.path, s.compared_with, s.diff.missing.size(), s.diff.extra.size(), report.mismatches);
  }
  if (report.failure) {
    fmt::print(stderr, "miglint: the {} failed:\n", exec::phase_name(*report.failure_phase));
    std::string out = render_execute_failure(*report.failure_plan, *report.failure, db.settings.secrets, isatty(STDERR_FILENO));
    std::fwrite(out.data(), 1, out.size(), stderr);
  }
  if (report.first_mismatch) return 1;
  if (report.failure) return 3;
  std::size_t revisions = 0, compared = 0;
  for (const auto& s : report.steps) {
    revisions += s.phase == exec::VerifyPhase::Upgrade;
    compared += s.compared;
  }
  if (text)
    fmt::print("verify: OK: {} revision(s) upgraded, downgraded and upgraded again; {} schema comparison(s), all equal\n",
               revisions, compared);
  return 0;
}

}  // namespace miglint::cli
