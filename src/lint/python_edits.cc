#include "lint/python_edits.h"

#include <algorithm>

#include <fmt/format.h>

#include "python/ast.h"

namespace miglint::lint {
namespace {

struct Lines {
  uint32_t first_line, last_line;  // 1-based
  std::string indent;              // the first line's leading whitespace
};

// The call's lines when it stands alone on them: only whitespace before it on its first line,
// only whitespace or a comment after it on its last line.
std::optional<Lines> own_lines(const SourceFile& file, const python::Node& call) {
  auto begin = file.line_col(call.span.begin);
  auto end = file.line_col(call.span.end);
  std::string_view first = file.line_text(begin.line);
  std::string_view before = first.substr(0, begin.column - 1);
  if (before.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  std::string_view last = file.line_text(end.line);
  std::string_view after = last.substr(std::min<size_t>(end.column - 1, last.size()));
  size_t code = after.find_first_not_of(" \t");
  if (code != std::string_view::npos && after[code] != '#') return std::nullopt;
  return Lines{begin.line, end.line, std::string(before)};
}

uint32_t line_end_offset(const SourceFile& file, uint32_t line) {
  return file.line_start(line) + static_cast<uint32_t>(file.line_text(line).size());
}

std::string_view newline_of(const SourceFile& file) {
  return file.text().find("\r\n") != std::string::npos ? "\r\n" : "\n";
}

}  // namespace

std::optional<Edit> add_keyword_argument(const SourceFile& file, const python::Node& call,
                                         std::string_view name, std::string_view value) {
  if (call.kind != python::Kind::Call) return std::nullopt;
  uint32_t last_end = 0;
  for (const python::Node* a : call.la) last_end = std::max(last_end, a->span.end);
  for (const python::Node* k : call.lb) {
    if (k->name == name) return std::nullopt;
    last_end = std::max(last_end, k->span.end);
  }
  if (last_end == 0) {
    // No arguments: put it between the parentheses.
    if (call.span.end == 0 || file.text()[call.span.end - 1] != ')') return std::nullopt;
    return Edit{{call.span.end - 1, call.span.end - 1}, fmt::format("{}={}", name, value)};
  }
  return Edit{{last_end, last_end}, fmt::format(", {}={}", name, value)};
}

std::vector<Edit> wrap_in_autocommit_block(const SourceFile& file, const python::Node& call) {
  auto lines = own_lines(file, call);
  if (!lines) return {};
  std::string_view text = file.slice(call.span);
  // Re-indenting the inside of a multi-line string would change its value.
  if (lines->first_line != lines->last_line &&
      (text.find("\"\"\"") != std::string_view::npos || text.find("'''") != std::string_view::npos))
    return {};
  std::string step = lines->indent.find('\t') != std::string::npos ? "\t" : "    ";
  std::vector<Edit> edits;
  uint32_t start = file.line_start(lines->first_line);
  edits.push_back({{start, start},
                   fmt::format("{}with op.get_context().autocommit_block():{}{}", lines->indent,
                               newline_of(file), step)});
  for (uint32_t line = lines->first_line + 1; line <= lines->last_line; ++line) {
    uint32_t at = file.line_start(line);
    if (!file.line_text(line).empty()) edits.push_back({{at, at}, step});
  }
  return edits;
}

std::optional<Edit> insert_statement_after(const SourceFile& file, const python::Node& call,
                                           std::string_view code) {
  auto lines = own_lines(file, call);
  if (!lines) return std::nullopt;
  uint32_t at = line_end_offset(file, lines->last_line);
  return Edit{{at, at}, fmt::format("{}{}{}", newline_of(file), lines->indent, code)};
}

std::optional<Edit> insert_statement_before(const SourceFile& file, const python::Node& call,
                                            std::string_view code) {
  auto lines = own_lines(file, call);
  if (!lines) return std::nullopt;
  uint32_t at = file.line_start(lines->first_line);
  return Edit{{at, at}, fmt::format("{}{}{}", lines->indent, code, newline_of(file))};
}

}  // namespace miglint::lint
