// Renders diagnostics for people (text, concise), machines (json) and CI systems (sarif, github,
// gitlab, junit; docs/output.md describes each).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::report {

struct Summary {
  size_t files = 0;   // revision files checked
  bool show = true;   // false: no closing summary line (a fatal load has nothing to sum up)
};

// rustc/ruff style: header, location arrow, snippet with carets, notes, help, docs link.
std::string render_text(const std::vector<Diagnostic>& diagnostics, const Summary& summary, bool color);
// One line per finding: `path:line:col: severity[rule] message`.
std::string render_concise(const std::vector<Diagnostic>& diagnostics);
// The JSON document described in docs/output.md (1-based lines and columns).
std::string render_json(const std::vector<Diagnostic>& diagnostics, const Summary& summary);

// Counts per severity, used by summaries and the exit code.
struct Counts {
  size_t errors = 0, warnings = 0, infos = 0;
};
Counts count(const std::vector<Diagnostic>& diagnostics);

// What the CI formats say about a rule. report sits below the rule registry, so the command
// passes these in; a finding whose rule is missing here still renders (with its id as summary).
struct RuleDoc {
  std::string id;
  std::string summary;
  std::string group;
  Severity default_severity = Severity::Error;
};
struct CiOptions {
  std::vector<RuleDoc> rules;
  std::string docs_url;  // absolute base URI of the rule pages, ending in '/': page = base + id + ".md"
};

// SARIF 2.1.0: one run, the rules that appear, results with regions, related locations and fixes.
std::string render_sarif(const std::vector<Diagnostic>& diagnostics, const CiOptions& ci);
// GitHub Actions workflow commands (`::error file=…,line=…::message`), one line per finding.
std::string render_github(const std::vector<Diagnostic>& diagnostics);
// A Markdown job summary (for $GITHUB_STEP_SUMMARY): counts and a table linking the rule pages.
std::string render_github_summary(const std::vector<Diagnostic>& diagnostics, const Summary& summary,
                                  const CiOptions& ci);
// GitLab Code Quality (Code Climate subset) JSON array.
std::string render_gitlab(const std::vector<Diagnostic>& diagnostics);
// JUnit XML: a testsuite per file with a failing testcase per finding.
std::string render_junit(const std::vector<Diagnostic>& diagnostics, const Summary& summary, const CiOptions& ci);

// GitHub workflow-command escaping: the message part, and property values (which also escape ':' ',').
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);
// XML 1.0 escaping; characters XML cannot hold (controls, invalid UTF-8) become U+FFFD. In an
// attribute, tab and line breaks are character references so the parser keeps them.
std::string xml_escape(std::string_view text, bool attribute);

// One stable id per finding (lowercase MD5 hex of rule, path, message and how many identical
// findings precede it), so CI systems can follow a finding across pushes when lines move.
std::vector<std::string> fingerprints(const std::vector<Diagnostic>& diagnostics);

// An absolute URI for a path: `file://` plus the percent-encoded absolute path.
std::string file_uri(const std::string& path);
// A relative path as a URI reference (percent-encoded, '/' kept).
std::string uri_path(std::string_view path);
// The default --docs-url: the installed rule pages (`cmake --install` puts them there).
std::string installed_docs_url();
// The rule's page under `ci.docs_url`.
std::string rule_doc_url(const CiOptions& ci, std::string_view rule);

// Where the rule's documentation lives (relative to the repository; `miglint explain` prints it).
std::string rule_doc_path(const std::string& rule);

}  // namespace miglint::report
