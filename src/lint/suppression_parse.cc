// Finding suppression directives in a revision file: in Python comments, and as SQL comments
// inside string literals. Only files that contain `miglint:` at all are lexed again (cheap, and
// the token stream is what tells a string from a comment).
#include <fmt/core.h>

#include <algorithm>
#include <optional>

#include "lint/suppressions.h"
#include "python/lexer.h"

namespace miglint::lint {
namespace {

constexpr std::string_view kMarker = "miglint:";
constexpr std::string_view kSyntax =
    "write `# miglint: ignore[rule-id, other-id]` on the finding's line or the line above it, or "
    "`# miglint: ignore-file[rule-id]` anywhere in the file; a reason may follow after ` -- `";

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_newline(char c) { return c == '\n' || c == '\r'; }
bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

Diagnostic invalid(const SourceFilePtr& file, Span span, std::string message) {
  Diagnostic d;
  d.rule = "invalid-suppression";
  d.severity = Severity::Error;
  d.location = Location{file, span, {}};
  d.message = std::move(message);
  d.help = std::string(kSyntax);
  return d;
}

// Where one directive's text lies: `start` is its `#` or `--`, `marker` its `miglint:`, and
// `limit` where its reason must stop (the next `#` of the comment, the end of the line, the
// end of the string literal).
struct Place {
  uint32_t start, marker, limit;
  bool in_sql;
};

// Parses `miglint: ignore[a, b] reason`; malformed text becomes a problem and no directive.
std::optional<SuppressionDirective> parse_directive(const SourceFilePtr& file, const Place& at,
                                                    std::vector<Diagnostic>& problems) {
  std::string_view text = file->text();
  uint32_t p = at.marker + static_cast<uint32_t>(kMarker.size());
  auto skip_blanks = [&] {
    while (p < at.limit && is_blank(text[p])) ++p;
  };
  skip_blanks();
  uint32_t word_begin = p;
  while (p < at.limit && is_id_char(text[p])) ++p;
  std::string_view word = text.substr(word_begin, p - word_begin);
  if (word != "ignore" && word != "ignore-file") {
    if (word.empty())
      problems.push_back(invalid(file, {at.start, p}, "Suppression comment without a directive after `miglint:`"));
    else
      problems.push_back(invalid(file, {word_begin, p},
                                 fmt::format("Unknown suppression directive `{}`: expected `ignore` or `ignore-file`", word)));
    return std::nullopt;
  }
  SuppressionDirective d;
  d.whole_file = word == "ignore-file";
  d.in_sql = at.in_sql;
  skip_blanks();
  if (p >= at.limit || text[p] != '[') {
    problems.push_back(invalid(file, {at.start, p}, fmt::format("Expected `[` and rule ids after `{}`", word)));
    return std::nullopt;
  }
  uint32_t open = p++;
  for (;;) {
    skip_blanks();
    if (p < at.limit && text[p] == ']' && d.ids.empty()) {
      problems.push_back(invalid(file, {open, p + 1}, "Suppression with an empty rule list: name the rule ids"));
      return std::nullopt;
    }
    uint32_t id_begin = p;
    while (p < at.limit && is_id_char(text[p])) ++p;
    if (p == id_begin) {
      problems.push_back(invalid(file, {p, std::min(p + 1, at.limit)}, "Expected a rule id in the suppression"));
      return std::nullopt;
    }
    d.ids.push_back({std::string(text.substr(id_begin, p - id_begin)), {id_begin, p}});
    skip_blanks();
    if (p < at.limit && text[p] == ',') {
      ++p;
      continue;
    }
    if (p < at.limit && text[p] == ']') {
      ++p;
      break;
    }
    if (p >= at.limit)
      problems.push_back(invalid(file, {at.start, p}, "Missing `]` at the end of the suppression"));
    else if (is_id_char(text[p]))
      problems.push_back(invalid(file, {p, p + 1}, "Expected `,` between rule ids in the suppression"));
    else
      problems.push_back(invalid(file, {p, p + 1}, "Expected `,` or `]` after a rule id in the suppression"));
    return std::nullopt;
  }
  // Whatever follows `]` is the reason (` -- why` by convention); it ends at `limit`.
  uint32_t end = at.limit;
  while (end > p && is_blank(text[end - 1])) --end;
  d.span = {at.start, end};
  return d;
}

uint32_t trim_back(std::string_view text, uint32_t pos, uint32_t floor) {
  while (pos > floor && is_blank(text[pos - 1])) --pos;
  return pos;
}

bool only_blanks(std::string_view text, uint32_t begin, uint32_t end) {
  for (uint32_t i = begin; i < end; ++i)
    if (!is_blank(text[i])) return false;
  return true;
}

// What removing a directive deletes: its whole line when it stands alone there, else the
// directive and the blanks before it (or, when another comment part follows, up to that part).
Span removal_span(const SourceFile& file, uint32_t start, uint32_t limit, bool limit_ends_line) {
  std::string_view text = file.text();
  uint32_t line = file.line_col(start).line;
  uint32_t line_begin = file.line_start(line);
  if (!limit_ends_line) return {start, limit};
  if (only_blanks(text, line_begin, start)) {
    uint32_t next = line < file.line_count() ? file.line_start(line + 1) : static_cast<uint32_t>(text.size());
    return {line_begin, next};
  }
  return {trim_back(text, start, line_begin), limit};
}

void add_python_directives(const SourceFilePtr& file, const python::Comment& c, FileSuppressions& out) {
  std::string_view text = file->text();
  if (text.substr(c.span.begin, c.span.size()).find(kMarker) == std::string_view::npos) return;
  // Each `#` at the start or after a blank opens a part (`# noqa  # miglint: ignore[x]`); a
  // part is a directive when `miglint:` follows its `#`.
  for (uint32_t hash = c.span.begin; hash < c.span.end;) {
    uint32_t next = hash + 1;
    while (next < c.span.end && !(text[next] == '#' && is_blank(text[next - 1]))) ++next;
    uint32_t p = hash + 1;
    while (p < next && is_blank(text[p])) ++p;
    if (text.substr(p, kMarker.size()) == kMarker && p + kMarker.size() <= next) {
      Place at{hash, p, next, false};
      if (auto d = parse_directive(file, at, out.problems)) {
        d->first_line = file->line_col(hash).line;
        d->last_line = d->first_line + 1;
        d->removal = removal_span(*file, hash, next, next == c.span.end);
        out.directives.push_back(std::move(*d));
      }
    }
    hash = next;
  }
}

// Where the SQL statement after `from` ends: its `;` (outside `--` comments and quoted
// literals), else the end of the string.
uint32_t statement_end(std::string_view text, uint32_t from, uint32_t end) {
  for (uint32_t i = from; i < end; ++i) {
    char c = text[i];
    if (c == ';') return i;
    if (c == '-' && i + 1 < end && text[i + 1] == '-') {
      while (i < end && !is_newline(text[i])) ++i;
    } else if (c == '\'' || c == '"') {
      for (++i; i < end && text[i] != c; ++i) {
      }
    }
  }
  return end;
}

// The string literal's content end: before its closing quotes.
uint32_t content_end(std::string_view text, Span token) {
  std::string_view t = text.substr(token.begin, token.size());
  if (t.size() >= 6 && (t.ends_with("\"\"\"") || t.ends_with("'''"))) return token.end - 3;
  if (t.size() >= 2 && (t.back() == '"' || t.back() == '\'')) return token.end - 1;
  return token.end;  // unterminated (already a syntax error)
}

void add_sql_directives(const SourceFilePtr& file, Span token, FileSuppressions& out) {
  std::string_view text = file->text();
  uint32_t stop = content_end(text, token);
  for (size_t at = text.substr(0, stop).find(kMarker, token.begin); at != std::string_view::npos;
       at = text.substr(0, stop).find(kMarker, at + 1)) {
    uint32_t marker = static_cast<uint32_t>(at);
    uint32_t dash = trim_back(text, marker, token.begin);
    if (dash < token.begin + 2 || text.substr(dash - 2, 2) != "--") continue;
    uint32_t start = dash - 2;
    // The reason runs to the end of the line, the end of the string, or an escape sequence
    // (`"-- miglint: ignore[x]\nCREATE ..."` written on one source line).
    uint32_t limit = marker;
    while (limit < stop && !is_newline(text[limit]) && text[limit] != '\\') ++limit;
    Place place{start, marker, limit, true};
    if (auto d = parse_directive(file, place, out.problems)) {
      d->first_line = file->line_col(start).line;
      d->last_line = file->line_col(statement_end(text, limit, stop)).line;
      d->removal = removal_span(*file, start, limit, limit < text.size() && is_newline(text[limit]));
      out.directives.push_back(std::move(*d));
    }
  }
}

}  // namespace

FileSuppressions parse_suppressions(const SourceFilePtr& file) {
  FileSuppressions out;
  if (!file || file->text().find(kMarker) == std::string::npos) return out;
  std::vector<Diagnostic> ignored;  // syntax errors were reported when the file was loaded
  python::LexResult lexed = python::lex(file, ignored);
  for (const python::Comment& c : lexed.comments) add_python_directives(file, c, out);
  for (const python::Token& t : lexed.tokens)
    if (t.kind == python::Tok::String) add_sql_directives(file, t.span, out);
  std::stable_sort(out.directives.begin(), out.directives.end(),
                   [](const auto& a, const auto& b) { return a.span.begin < b.span.begin; });
  return out;
}

}  // namespace miglint::lint
