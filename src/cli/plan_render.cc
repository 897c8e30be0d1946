// `miglint plan`'s text and JSON output (docs/executor.md describes both).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/plan_render.h"
#include "report/render.h"

namespace miglint::cli {
namespace {

std::string server_text(int num) {
  if (!num) return "";
  return fmt::format(" (PostgreSQL {}.{})", num / 10000, num % 10000);
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    out += prefix + line + "\n";
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& ds) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& d : ds) {
    nlohmann::ordered_json j;
    j["rule"] = d.rule;
    j["severity"] = severity_name(d.severity);
    j["path"] = d.location.display_path();
    if (d.location.file) {
      LineCol lc = d.location.file->line_col(d.location.span.begin);
      j["line"] = lc.line;
      j["column"] = lc.column;
    }
    j["message"] = d.message;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string render_plan_text(const exec::Plan& plan) {
  std::string out;
  out += fmt::format("database: {}{}\n", plan.database, server_text(plan.server_version_num));
  out += fmt::format("version table: {}{}\n", plan.version_table,
                     plan.version_table_exists ? "" : " (absent)");
  out += fmt::format("current: {}\n", exec::heads_text(plan.current_heads));
  out += fmt::format("target: {} ({}, {} step{})\n", plan.target.empty() ? "heads" : plan.target,
                     plan.downgrade ? "downgrade" : "upgrade", plan.steps.size(),
                     plan.steps.size() == 1 ? "" : "s");
  if (!plan.session_statements.empty()) {
    out += "session:\n";
    for (const auto& st : plan.session_statements) out += "   " + st + ";\n";
  }
  if (!plan.graph_diagnostics.empty())
    out += "\ngraph:\n" + indent(report::render_concise(plan.graph_diagnostics), "  ");
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const exec::PlanStep& s = plan.steps[i];
    out += fmt::format("\n{}. {}  {}\n", i + 1, s.log, s.path);
    for (const auto& st : s.statements) {
      out += indent(st.sql + ";", "   ");
      for (const auto& l : st.locks)
        out += fmt::format("       lock: {} on {} ({})\n", sql::lock_mode_name(l.mode),
                           l.relation.empty() ? "?" : l.relation, sql::work_name(l.work));
    }
    if (!s.is_static) out += "   (not fully static: statements that could not be analysed are missing)\n";
    if (!s.diagnostics.empty())
      out += "   findings:\n" + indent(report::render_concise(s.diagnostics), "     ");
  }
  if (!plan.other_diagnostics.empty())
    out += "\nother findings:\n" + indent(report::render_concise(plan.other_diagnostics), "  ");
  out += "\n";
  if (plan.verified) {
    out += "plan: verified\n";
  } else {
    std::string reasons;
    for (const auto& r : plan.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    out += "plan: NOT verified: " + reasons + "\n";
  }
  return out;
}

std::string render_plan_json(const exec::Plan& plan) {
  nlohmann::ordered_json doc;
  doc["database"] = plan.database;
  doc["server_version_num"] = plan.server_version_num;
  doc["version_table"] = plan.version_table;
  doc["version_table_exists"] = plan.version_table_exists;
  doc["current_heads"] = plan.current_heads;
  doc["target"] = plan.target.empty() ? "heads" : plan.target;
  doc["direction"] = plan.downgrade ? "downgrade" : "upgrade";
  doc["session_statements"] = plan.session_statements;
  auto steps = nlohmann::ordered_json::array();
  for (const auto& s : plan.steps) {
    nlohmann::ordered_json j;
    j["revision"] = s.revision;
    j["direction"] = s.upgrade ? "upgrade" : "downgrade";
    j["log"] = s.log;
    j["path"] = s.path;
    j["static"] = s.is_static;
    if (!s.is_static) j["not_static_reason"] = s.not_static_reason;
    j["heads_after"] = s.heads_after;
    auto statements = nlohmann::ordered_json::array();
    for (const auto& st : s.statements) {
      nlohmann::ordered_json t;
      t["sql"] = st.sql;
      t["bookkeeping"] = st.bookkeeping;
      t["in_transaction"] = st.in_transaction;
      if (st.origin && st.origin->file) {
        LineCol lc = st.origin->file->line_col(st.origin->span.begin);
        t["line"] = lc.line;
        t["column"] = lc.column;
      }
      auto locks = nlohmann::ordered_json::array();
      for (const auto& l : st.locks)
        locks.push_back({{"relation", l.relation}, {"mode", sql::lock_mode_name(l.mode)},
                         {"work", sql::work_name(l.work)}, {"why", l.why}});
      t["locks"] = std::move(locks);
      statements.push_back(std::move(t));
    }
    j["statements"] = std::move(statements);
    j["diagnostics"] = diagnostics_json(s.diagnostics);
    steps.push_back(std::move(j));
  }
  doc["steps"] = std::move(steps);
  doc["end_heads"] = plan.end_heads;
  doc["graph_diagnostics"] = diagnostics_json(plan.graph_diagnostics);
  doc["other_diagnostics"] = diagnostics_json(plan.other_diagnostics);
  doc["verified"] = plan.verified;
  doc["reasons"] = plan.reasons;
  // Texts quote the user's files, which may hold invalid UTF-8 (a revision id "\udc9c", a line
  // of an alembic.ini that is not UTF-8): it becomes U+FFFD instead of an exception.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace miglint::cli
