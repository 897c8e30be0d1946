// GitHub Actions: workflow commands that become annotations on the pull request's diff, and a
// Markdown job summary. docs/output.md#github.
#include <fmt/core.h>

#include "report/render.h"

namespace miglint::report {
namespace {

std::string command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    default: return "notice";
  }
}

std::string annotation_text(const Diagnostic& d) {
  std::string text = d.message;
  if (!d.help.empty()) text += "\n\nhelp: " + d.help;
  for (const Note& n : d.notes) {
    text += "\nnote: " + n.message;
    if (n.location && n.location->file) {
      LineCol lc = n.location->file->line_col_chars(n.location->span.begin);
      text += fmt::format(" ({}:{}:{})", n.location->display_path(), lc.line, lc.column);
    }
  }
  return text;
}

std::string position(const Location& loc) {
  if (!loc.file) return loc.display_path();
  LineCol lc = loc.file->line_col_chars(loc.span.begin);
  return fmt::format("{}:{}:{}", loc.display_path(), lc.line, lc.column);
}

// Markdown table cells: a '|' would end the cell, a line break the row, and outside `code`
// a '<' could start an HTML tag that GitHub strips.
std::string cell(std::string_view text) {
  std::string out;
  bool code = false;
  for (char c : text) {
    if (c == '`') code = !code;
    if (c == '|') out += "\\|";
    else if (c == '\n') out += "<br>";
    else if (c == '<' && !code) out += "&lt;";
    else if (c != '\r') out += c;
  }
  return out;
}

std::string plural(size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

std::string render_github(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    std::vector<std::string> props;
    const Location& loc = d.location;
    if (!loc.path.empty() || loc.file) {
      std::string path = loc.display_path();
      if (path.front() != '<') props.push_back("file=" + github_escape_property(path));
    }
    if (loc.file) {
      LineCol start = loc.file->line_col_chars(loc.span.begin);
      LineCol end = loc.file->line_col_chars(loc.span.end);
      props.push_back(fmt::format("line={}", start.line));
      // GitHub takes columns only for a span on one line; endColumn is just past the span.
      if (start.line == end.line) props.push_back(fmt::format("col={}", start.column));
      props.push_back(fmt::format("endLine={}", end.line));
      if (start.line == end.line) props.push_back(fmt::format("endColumn={}", end.column));
    }
    props.push_back("title=" + github_escape_property(d.rule));
    std::string joined;
    for (const std::string& p : props) joined += (joined.empty() ? "" : ",") + p;
    out += fmt::format("::{} {}::{}\n", command(d.severity), joined, github_escape_data(annotation_text(d)));
  }
  return out;
}

std::string render_github_summary(const std::vector<Diagnostic>& diagnostics, const Summary& summary,
                                  const CiOptions& ci) {
  Counts c = count(diagnostics);
  std::string out = "## miglint\n\n";
  if (diagnostics.empty()) {
    out += fmt::format("All checks passed in {}.\n\n", plural(summary.files, "revision file"));
    return out;
  }
  out += fmt::format("{}, {}, {} in {}.\n\n", plural(c.errors, "error"), plural(c.warnings, "warning"),
                     plural(c.infos, "info"), plural(summary.files, "revision file"));
  out += "| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n";
  for (const Diagnostic& d : diagnostics)
    out += fmt::format("| {} | [{}]({}) | {} | {} |\n", severity_name(d.severity), d.rule, rule_doc_url(ci, d.rule),
                       cell("`" + position(d.location) + "`"), cell(d.message));
  return out + "\n";
}

}  // namespace miglint::report
