#include "cli/check_output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/core.h>

#include "lint/rule.h"
#include "rules/registry.h"

namespace miglint::cli {
namespace {

report::CiOptions ci_options(const CheckOptions& options) {
  report::CiOptions ci;
  for (const lint::RuleInfo& r : rules::all_rules())
    ci.rules.push_back({std::string(r.id), std::string(r.summary), std::string(lint::group_name(r.group)),
                        r.default_severity});
  ci.docs_url = options.docs_url.empty() ? report::installed_docs_url() : options.docs_url;
  if (ci.docs_url.back() != '/') ci.docs_url += '/';
  return ci;
}

}  // namespace

std::string render_findings(const CheckOptions& options, const report::Summary& summary,
                            const std::vector<Diagnostic>& found) {
  const std::string& f = options.format;
  if (f == "json") return report::render_json(found, summary);
  if (f == "concise") return report::render_concise(found);
  if (f == "sarif") return report::render_sarif(found, ci_options(options));
  if (f == "github") return report::render_github(found);
  if (f == "gitlab") return report::render_gitlab(found);
  if (f == "junit") return report::render_junit(found, summary, ci_options(options));
  return report::render_text(found, summary, options.color);
}

bool write_summary(const CheckOptions& options, const report::Summary& summary, const std::vector<Diagnostic>& found) {
  if (options.summary_file.empty()) return true;
  std::string text = report::render_github_summary(found, summary, ci_options(options));
  std::fflush(stdout);  // the findings first, should FILE be standard output too
  std::FILE* out = std::fopen(options.summary_file.c_str(), "a");
  bool ok = out && std::fwrite(text.data(), 1, text.size(), out) == text.size();
  int err = errno;
  if (out && std::fclose(out) != 0 && ok) ok = false, err = errno;
  if (!ok) fmt::print(stderr, "error: cannot write the summary to {}: {}\n", options.summary_file, std::strerror(err));
  return ok;
}

bool fails(const CheckOptions& options, const std::vector<Diagnostic>& found) {
  if (options.exit_zero || options.fail_on == "never") return false;
  Severity threshold = options.fail_on == "warning" ? Severity::Warning : Severity::Error;
  for (const Diagnostic& d : found)
    if (d.severity >= threshold) return true;
  return false;
}

bool absolute_uri(const std::string& url) {
  size_t colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(url[0])) return false;
  for (size_t i = 1; i < colon; ++i)
    if (!alpha(url[i]) && !(url[i] >= '0' && url[i] <= '9') && url[i] != '+' && url[i] != '-' && url[i] != '.')
      return false;
  return true;
}

}  // namespace miglint::cli
