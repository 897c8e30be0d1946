#include "exec/verify.h"

#include <algorithm>
#include <map>

namespace miglint::exec {
namespace {

std::string state_key(std::vector<std::string> heads) {
  std::sort(heads.begin(), heads.end());
  std::string key;
  for (const auto& h : heads) key += h + ",";
  return key;
}

}  // namespace

std::string_view phase_name(VerifyPhase phase) {
  switch (phase) {
    case VerifyPhase::Upgrade: return "upgrade";
    case VerifyPhase::Downgrade: return "downgrade";
    case VerifyPhase::Reupgrade: return "upgrade again";
  }
  return "";
}

VerifyReport run_verify(Connection& connection, const std::string& version_table, const std::string& version_table_schema,
                        const std::function<std::optional<std::string>(bool downgrade, Plan&)>& plan_for,
                        const std::function<void(const VerifyStep&)>& on_step) {
  VerifyReport report;
  // State -> the snapshot the first upgrade left there (base included).
  std::map<std::string, CatalogSnapshot> first_up;
  CatalogSnapshot base = take_catalog_snapshot(connection, version_table, version_table_schema);
  if (base.error) {
    report.error = "cannot read the catalog: " + base.error->message;
    return report;
  }
  first_up.emplace(state_key({}), std::move(base));

  for (VerifyPhase phase : {VerifyPhase::Upgrade, VerifyPhase::Downgrade, VerifyPhase::Reupgrade}) {
    Plan plan;
    if (auto error = plan_for(phase == VerifyPhase::Downgrade, plan)) {
      report.error = *error;
      return report;
    }
    ExecuteHooks hooks;
    hooks.after_step = [&](std::size_t i, double seconds) -> std::optional<std::string> {
      const PlanStep& s = plan.steps[i];
      VerifyStep v;
      v.phase = phase;
      v.revision = s.revision;
      v.log = s.log;
      v.path = s.path;
      v.seconds = seconds;
      CatalogSnapshot snap = take_catalog_snapshot(connection, version_table, version_table_schema);
      if (snap.error) return "cannot read the catalog: " + snap.error->message;
      std::string key = state_key(s.heads_after);
      auto it = first_up.find(key);
      if (phase == VerifyPhase::Upgrade) {
        // A state reached twice on the way up (it cannot be, in one walk) keeps the first.
        first_up.emplace(key, std::move(snap));
      } else if (it != first_up.end()) {
        v.compared = true;
        v.compared_with = phase == VerifyPhase::Downgrade ? "the schema before its upgrade"
                                                          : "the schema the first upgrade left";
        v.diff = diff_snapshots(it->second, snap);
        if (!v.diff.empty()) {
          ++report.mismatches;
          if (!report.first_mismatch) report.first_mismatch = report.steps.size();
        }
      }
      report.steps.push_back(v);
      if (on_step) on_step(report.steps.back());
      return std::nullopt;
    };
    ExecuteResult r = execute_plan(connection, plan, hooks);
    if (r.failure) {
      report.failure = r.failure;
      report.failure_phase = phase;
      report.failure_plan = std::move(plan);
      return report;
    }
  }
  return report;
}

}  // namespace miglint::exec
