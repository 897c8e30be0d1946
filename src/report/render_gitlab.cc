// GitLab Code Quality: the Code Climate subset GitLab reads (docs/output.md#gitlab).
#include <nlohmann/json.hpp>

#include "report/render.h"

namespace miglint::report {
namespace {

// GitLab's scale is info, minor, major, critical, blocker. miglint's errors are real problems
// but "critical"/"blocker" would rank a lint finding with security issues, so: error → major,
// warning → minor, info → info (as pylint-gitlab and similar reporters map them).
std::string severity(Severity s) {
  switch (s) {
    case Severity::Error: return "major";
    case Severity::Warning: return "minor";
    default: return "info";
  }
}

}  // namespace

std::string render_gitlab(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> prints = fingerprints(diagnostics);
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    // Findings about no particular line (an unreadable file, the configuration) point at line 1.
    uint32_t begin = 1, end = 1;
    if (d.location.file) {
      begin = d.location.file->line_col_chars(d.location.span.begin).line;
      end = d.location.file->line_col_chars(d.location.span.end).line;
    }
    nlohmann::json j = {
        {"type", "issue"},
        {"check_name", d.rule},
        {"description", d.message},
        {"fingerprint", prints[i]},
        {"severity", severity(d.severity)},
        {"location", {{"path", d.location.display_path()}, {"lines", {{"begin", begin}, {"end", end}}}}},
    };
    if (!d.help.empty()) j["content"] = {{"body", d.help}};
    list.push_back(std::move(j));
  }
  // Paths and source text need not be UTF-8 (a Latin-1 file name, a comment): invalid bytes
  // become U+FFFD instead of nlohmann::json throwing type_error 316 (an abort).
  return list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace miglint::report
