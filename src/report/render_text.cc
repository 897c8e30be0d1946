// Human-readable renderers: the full text form and the one-line concise form.
#include <fmt/core.h>

#include "report/render.h"
#include "report/snippet.h"
#include "report/style.h"

namespace miglint::report {
namespace {

std::string position(const Location& loc) {
  if (!loc.file) return loc.display_path();
  LineCol lc = loc.file->line_col_chars(loc.span.begin);
  return fmt::format("{}:{}:{}", loc.display_path(), lc.line, lc.column);
}

std::string plural(size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Indents every line after the first so multi-line help stays inside its block.
std::string indent_rest(const std::string& text, const std::string& indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

}  // namespace

Counts count(const std::vector<Diagnostic>& diagnostics) {
  Counts c;
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::Error) ++c.errors;
    else if (d.severity == Severity::Warning) ++c.warnings;
    else if (d.severity == Severity::Info) ++c.infos;
  }
  return c;
}

std::string rule_doc_path(const std::string& rule) { return fmt::format("docs/rules/{}.md", rule); }

std::string render_text(const std::vector<Diagnostic>& diagnostics, const Summary& summary, bool color) {
  Style style{color};
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    // A finding without a rule (a statement PostgreSQL refused during `apply`) has no rule
    // page: no [id], no docs line.
    std::string head = d.rule.empty() ? std::string(severity_name(d.severity))
                                      : fmt::format("{}[{}]", severity_name(d.severity), d.rule);
    out += fmt::format("{}: {}\n", style.severity(d.severity, head), style.bold(d.message));
    out += fmt::format("  {} {}\n", style.gutter("-->"), position(d.location));
    if (d.location.file) out += render_snippet(*d.location.file, d.location.span, style, d.severity);
    for (const Note& note : d.notes) {
      if (note.location && note.location->file) {
        out += fmt::format("  {} {}\n", style.gutter("= note:"), note.message);
        out += fmt::format("  {} {}\n", style.gutter("-->"), position(*note.location));
        out += render_snippet(*note.location->file, note.location->span, style, Severity::Info);
      } else if (note.location) {
        out += fmt::format("  {} {} ({})\n", style.gutter("= note:"), note.message, position(*note.location));
      } else {
        out += fmt::format("  {} {}\n", style.gutter("= note:"), note.message);
      }
    }
    if (!d.help.empty()) out += fmt::format("  {} {}\n", style.gutter("= help:"), indent_rest(d.help, "          "));
    if (d.fix) out += fmt::format("  {} {}{}\n", style.gutter("= fix:"), d.fix->title, d.fix->safe ? "" : " [unsafe]");
    if (d.rule.empty()) out += "\n";
    else out += fmt::format("  {} {} (or `miglint explain {}`)\n\n", style.gutter("= docs:"), rule_doc_path(d.rule), d.rule);
  }
  Counts c = count(diagnostics);
  if (!summary.show) return out;
  if (diagnostics.empty()) {
    out += fmt::format("{} in {}\n", style.paint("1;32", "All checks passed"), plural(summary.files, "revision file"));
  } else {
    std::string parts;
    auto add = [&](size_t n, const char* word) {
      if (!n) return;
      if (!parts.empty()) parts += ", ";
      parts += plural(n, word);
    };
    add(c.errors, "error");
    add(c.warnings, "warning");
    add(c.infos, "info");
    out += fmt::format("Found {} in {}\n", style.bold(parts), plural(summary.files, "revision file"));
  }
  return out;
}

std::string render_concise(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics)
    out += fmt::format("{}: {}[{}] {}\n", position(d.location), severity_name(d.severity), d.rule, d.message);
  return out;
}

}  // namespace miglint::report
