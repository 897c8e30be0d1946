#include "report/snippet.h"

#include <algorithm>

#include <fmt/core.h>

namespace miglint::report {
namespace {

// Display width of a byte range of one line: one column per code point, tabs as four spaces
// (the same expansion is applied to the printed line so carets stay aligned).
size_t display_width(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if (c == '\t') width += 4;
    else if ((c & 0xC0) != 0x80) width += 1;
  }
  return width;
}

std::string expand_tabs(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\t') out += "    ";
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_snippet(const SourceFile& file, Span span, const Style& style, Severity severity,
                           const std::string& label) {
  constexpr uint32_t kMaxLines = 4;  // a long span shows its first lines and an ellipsis
  LineCol begin = file.line_col(span.begin);
  LineCol end = file.line_col(span.end > span.begin ? span.end - 1 : span.begin);
  uint32_t last = std::min(end.line, begin.line + kMaxLines - 1);
  size_t width = fmt::format("{}", last).size();
  std::string pad(width, ' ');

  std::string out = fmt::format("{} {}\n", pad, style.gutter("|"));
  for (uint32_t line = begin.line; line <= last; ++line) {
    std::string_view text = file.line_text(line);
    out += fmt::format("{} {} {}\n", style.gutter(fmt::format("{:>{}}", line, width)), style.gutter("|"),
                       expand_tabs(text));
    // Caret range on this line, in bytes relative to the line start.
    uint32_t line_begin = file.line_start(line);
    uint32_t from = line == begin.line ? span.begin - line_begin : 0;
    uint32_t to = line == end.line ? std::max(span.end, span.begin + 1) - line_begin
                                   : static_cast<uint32_t>(text.size());
    from = std::min<uint32_t>(from, text.size());
    to = std::min<uint32_t>(std::max(to, from + 1), std::max<uint32_t>(text.size(), from + 1));
    // Skip leading indentation on continuation lines so carets sit under code.
    if (line != begin.line) {
      while (from < text.size() && (text[from] == ' ' || text[from] == '\t')) ++from;
      if (from >= to) continue;
    }
    size_t lead = display_width(text.substr(0, from));
    size_t count = std::max<size_t>(1, display_width(text.substr(from, to - from)));
    std::string carets(count, '^');
    out += fmt::format("{} {} {}{}", pad, style.gutter("|"), std::string(lead, ' '),
                       style.severity(severity, carets));
    if (line == last && !label.empty()) out += " " + style.severity(severity, label);
    out += "\n";
  }
  if (last < end.line) out += fmt::format("{} {} ...\n", pad, style.gutter("|"));
  return out;
}

}  // namespace miglint::report
