// Fuzz target: `miglint check` on a whole generated Alembic project. The input is split into
// files by header lines:
//
//   ##> ini              lines for alembic.ini, after `[alembic]` and its script_location
//   ##> toml             miglint.toml beside alembic.ini
//   ##> env              migrations/env.py
//   ##> rev [NAME]       a revision file migrations/versions/NAME (default rev<N>.py)
//
// (text before the first header is a revision file). The project is written to this process's
// scratch folder (on /dev/shm), loaded as `check` loads it (discovery, file listing, parsing,
// graph), linted with every rule the configuration selects, rendered in every output format
// (and the graph in each of `miglint graph`'s), and its safe fixes are applied in memory.
//
// Invariants beyond "no crash, no exception, no hang":
// - loading fails only with a reason; every diagnostic is well formed, its rule is in the
//   registry, its severity is not off, and the findings come sorted;
// - each output format renders the findings;
// - the baseline of the findings reads back and then matches every one of them, none stale;
// - a file without syntax errors has none after its safe fixes are applied, and its diff is
//   not empty.
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "alembic/project.h"
#include "fuzz_support.h"
#include "lint/baseline.h"
#include "lint/fixes.h"
#include "lint/linter.h"
#include "python/parser.h"
#include "report/graph_render.h"
#include "report/render.h"
#include "rules/registry.h"

namespace {

using namespace miglint;
using namespace miglint::fuzz;

constexpr size_t kMaxRevisions = 12;

struct Chunk {
  std::string kind;  // ini, toml, env, rev
  std::string name;  // rev: the file name
  std::string text;
};

std::vector<Chunk> split_chunks(std::string_view input) {
  std::vector<Chunk> out;
  out.push_back({"rev", "", ""});
  size_t pos = 0;
  while (pos < input.size()) {
    size_t eol = input.find('\n', pos);
    size_t next = eol == std::string_view::npos ? input.size() : eol + 1;
    std::string_view line = input.substr(pos, next - pos);
    if (line.starts_with("##> ")) {
      std::string_view rest = line.substr(4);
      while (!rest.empty() && (rest.back() == '\n' || rest.back() == '\r')) rest.remove_suffix(1);
      size_t space = rest.find(' ');
      Chunk c;
      c.kind = std::string(rest.substr(0, space));
      if (space != std::string_view::npos) c.name = std::string(rest.substr(space + 1));
      out.push_back(std::move(c));
    } else {
      out.back().text.append(line);
    }
    pos = next;
  }
  return out;
}

// A revision file name the fuzzer chose, kept to one plain path component.
std::string file_name(std::string_view wanted, size_t index) {
  std::string name;
  for (char c : wanted.substr(0, 40))
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.') name += c;
  if (name.empty() || name.front() == '.') return "rev" + std::to_string(index) + ".py";
  return name;
}

// The ini chunk may tune [alembic] (file_template, sourceless, recursive_version_locations,
// separators) and write [miglint] sections, but never point discovery outside the project:
// a version location of `/` with recursion would make a run list the whole file system.
std::string ini_lines(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    size_t next = eol == std::string_view::npos ? text.size() : eol + 1;
    std::string_view line = text.substr(pos, next - pos);
    pos = next;
    std::string lower;
    for (char c : line) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t first = lower.find_first_not_of(" \t\r\v\f");
    std::string_view s = first == std::string::npos ? std::string_view() : std::string_view(lower).substr(first);
    if (s.starts_with("[") && !s.starts_with("[miglint")) continue;
    if (s.starts_with("script_location") || s.starts_with("version_locations") || s.starts_with("prepend_sys_path"))
      continue;
    out.append(line);
    if (eol == std::string_view::npos) out += '\n';
  }
  return out;
}

void write_project(const std::string& root, const std::vector<Chunk>& chunks) {
  std::string ini = "[alembic]\nscript_location = %(here)s/migrations\n";
  std::string versions = root + "/migrations/versions";
  write_file(versions + "/.keep", "");  // the folder exists even with no revision file
  size_t revisions = 0;
  for (const Chunk& c : chunks) {
    if (c.kind == "ini") {
      ini += ini_lines(c.text);
    } else if (c.kind == "toml") {
      write_file(root + "/miglint.toml", c.text);
    } else if (c.kind == "env") {
      write_file(root + "/migrations/env.py", c.text);
    } else if (c.kind == "rev" && (!c.text.empty() || !c.name.empty()) && revisions < kMaxRevisions) {
      write_file(versions + "/" + file_name(c.name, revisions), c.text);
      ++revisions;
    }
  }
  write_file(root + "/alembic.ini", ini);
}

void check_findings(const std::vector<Diagnostic>& found) {
  check_diagnostics(found);
  for (const Diagnostic& d : found) {
    FUZZ_CHECK(rules::find_rule(d.rule) != nullptr, "a finding of unknown rule " + d.rule);
    FUZZ_CHECK(d.severity != Severity::Off, "a finding reported at severity off: " + d.rule);
  }
  FUZZ_CHECK(std::is_sorted(found.begin(), found.end(), diagnostic_less), "findings not sorted");
}

void check_reports(const std::vector<Diagnostic>& found, size_t files) {
  report::Summary summary{files, true};
  report::CiOptions ci;
  for (const lint::RuleInfo& r : rules::all_rules())
    ci.rules.push_back({std::string(r.id), std::string(r.summary), std::string(lint::group_name(r.group)),
                        r.default_severity});
  ci.docs_url = "https://example.invalid/docs/rules/";
  std::string text = report::render_text(found, summary, true);
  FUZZ_CHECK(!text.empty(), "empty text report");
  // To see what an input does: MIGLINT_FUZZ_PRINT=1 fuzz_check_replay FILE.
  if (getenv("MIGLINT_FUZZ_PRINT")) fprintf(stderr, "%s", text.c_str());
  FUZZ_CHECK(found.empty() || !report::render_concise(found).empty(), "empty concise report");
  FUZZ_CHECK(!report::render_json(found, summary).empty(), "empty JSON report");
  FUZZ_CHECK(!report::render_sarif(found, ci).empty(), "empty SARIF report");
  FUZZ_CHECK(found.empty() || !report::render_github(found).empty(), "empty GitHub report");
  FUZZ_CHECK(!report::render_gitlab(found).empty(), "empty GitLab report");
  FUZZ_CHECK(!report::render_junit(found, summary, ci).empty(), "empty JUnit report");
  FUZZ_CHECK(report::fingerprints(found).size() == found.size(), "not one fingerprint per finding");
}

// `miglint graph` in each format.
void check_graph(const alembic::Project& project) {
  std::string text = report::render_graph_text(project, true);
  FUZZ_CHECK(project.graph.nodes().empty() || !text.empty(), "empty graph text with revisions in the graph");
  FUZZ_CHECK(!report::render_graph_json(project).empty(), "empty graph JSON");
  FUZZ_CHECK(!report::render_graph_dot(project).empty(), "empty graph dot");
  FUZZ_CHECK(!report::render_graph_mermaid(project).empty(), "empty graph mermaid");
}

void check_baseline(const alembic::Project& project, const std::vector<Diagnostic>& found) {
  std::vector<lint::BaselineEntry> entries;
  size_t unkeyed = 0;
  for (const Diagnostic& d : found) {
    if (auto e = lint::baseline_entry(project, d)) entries.push_back(std::move(*e));
    else ++unkeyed;
  }
  std::string text = lint::render_baseline(entries);
  std::string error;
  auto parsed = lint::parse_baseline(text, &error);
  FUZZ_CHECK(parsed.has_value(), "a rendered baseline does not read back: " + error);
  FUZZ_CHECK(parsed->size() == entries.size(), "a baseline read back with a different number of entries");
  lint::BaselineOutcome outcome = lint::apply_baseline(project, found, *parsed);
  FUZZ_CHECK(outcome.kept.size() == unkeyed,
             "the baseline of the findings keeps " + std::to_string(outcome.kept.size()) + " of them, not " +
                 std::to_string(unkeyed));
  FUZZ_CHECK(outcome.stale == 0, "the baseline of the findings has stale entries");
}

void check_fixes(const alembic::Project& project, const std::vector<Diagnostic>& found) {
  lint::FixPlan plan = lint::plan_fixes(found, /*unsafe=*/false);
  for (const lint::FileChange& change : plan.files) {
    FUZZ_CHECK(change.text != change.file->text(), "a planned change that changes nothing");
    FUZZ_CHECK(!lint::unified_diff(change.file->text(), change.text, "a", "b").empty(), "an empty diff of a change");
    bool clean_before = false;
    for (const alembic::Revision& r : project.revisions)
      if (r.file == change.file) clean_before = r.module && r.parsed_cleanly();
    if (!clean_before) continue;
    std::vector<Diagnostic> diags;
    auto after = std::make_shared<const SourceFile>(change.file->path(), change.text);
    python::parse_module(after, diags);
    FUZZ_CHECK(diags.empty(), "safe fixes broke the syntax of " + change.file->path() + ": " +
                                  (diags.empty() ? std::string() : diags.front().message));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Discovery must see only the generated project.
  unsetenv("ALEMBIC_CONFIG");
  const std::string& root = scratch_dir();
  clear_dir(root);
  write_project(root, split_chunks(std::string_view(reinterpret_cast<const char*>(data), size)));

  alembic::Project project;
  alembic::LoadOptions load;
  load.path = root;
  load.jobs = 1;  // libFuzzer runs one input at a time; threads would only add noise
  bool loaded = alembic::load_project(load, project);
  check_diagnostics(project.load_diagnostics);
  if (!loaded) {
    if (getenv("MIGLINT_FUZZ_PRINT")) fprintf(stderr, "%s", report::render_text(project.load_diagnostics, {0, false}, false).c_str());
    FUZZ_CHECK(!project.load_diagnostics.empty(), "loading failed without saying why");
    return 0;
  }
  lint::LintOptions options = lint::configured_lint_options(project.settings.lint);
  options.jobs = 1;
  lint::RuleSelection selection = lint::select_rules(rules::all_rules(), options, rules::all_options());
  std::vector<Diagnostic> found = lint::lint_project(project, selection, options);
  check_findings(found);
  check_reports(found, project.revisions.size());
  check_graph(project);
  check_baseline(project, found);
  check_fixes(project, found);
  return 0;
}
