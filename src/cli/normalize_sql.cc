// `miglint normalize-sql FILE|-`: prints each statement of a SQL text in libpg_query's
// normalised form (one per line), so two renderings of the same migration can be compared
// line by line irrespective of whitespace, identifier quoting and keyword case.
//
// Comments that stand between statements are printed too (as `-- text`, whitespace
// collapsed): `alembic upgrade --sql` writes `-- Running upgrade a -> b` before each
// revision's statements, and keeping them lets the comparison check which revision each
// statement belongs to. Comments inside a statement are part of no statement's tree and are
// dropped, as libpg_query drops them.
#include "cli/normalize_sql.h"

#include <fmt/core.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string_view>

#include "sql/sql_text.h"

namespace miglint::cli {
namespace {

bool read_input(const std::string& file, std::string& text) {
  if (file == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
    return true;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Collapses runs of whitespace into one space and trims both ends.
std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The comments in a gap between statements. A gap holds only whitespace, ';' and comments
// (anything else would be part of a statement), so a simple scan suffices. Block comments
// nest in PostgreSQL. With `after_statement`, comments before the first ';' still belong to
// the statement that precedes the gap (`SELECT 1 /* note */;`) and are dropped like any
// comment inside a statement.
void gap_comments(std::string_view gap, bool after_statement, std::vector<std::string>& out) {
  size_t i = 0;
  bool keep = !after_statement;
  while (i < gap.size()) {
    if (gap[i] == ';') {
      keep = true;
      ++i;
    } else if (gap.compare(i, 2, "--") == 0) {
      size_t end = gap.find('\n', i);
      if (end == std::string_view::npos) end = gap.size();
      if (keep) out.push_back("-- " + squeeze(gap.substr(i + 2, end - i - 2)));
      i = end;
    } else if (gap.compare(i, 2, "/*") == 0) {
      size_t j = i + 2;
      int depth = 1;
      while (j < gap.size() && depth > 0) {
        if (gap.compare(j, 2, "/*") == 0) {
          ++depth;
          j += 2;
        } else if (gap.compare(j, 2, "*/") == 0) {
          --depth;
          j += 2;
        } else {
          ++j;
        }
      }
      std::string_view body = gap.substr(i + 2, j - i - 2);
      if (depth == 0 && body.size() >= 2) body.remove_suffix(2);
      if (keep) out.push_back("-- " + squeeze(body));
      i = j;
    } else {
      ++i;
    }
  }
}

// 1-based line and column (in characters: UTF-8 continuation bytes do not count) of a byte
// offset.
std::pair<size_t, size_t> line_col(std::string_view text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace

int run_normalize_sql(const std::string& file) {
  std::string text;
  const std::string name = file == "-" ? "<stdin>" : file;
  if (!read_input(file, text)) {
    fmt::print(stderr, "miglint: {}: cannot read file\n", name);
    return 2;
  }
  sql::ParseResult parsed = sql::parse_sql(text);
  if (parsed.error) {
    if (parsed.error->offset_known) {
      auto [line, col] = line_col(text, parsed.error->offset);
      fmt::print(stderr, "miglint: {}:{}:{}: {}\n", name, line, col, parsed.error->message);
    } else {
      fmt::print(stderr, "miglint: {}: {}\n", name, parsed.error->message);
    }
    return 1;
  }
  std::string out;
  std::vector<std::string> comments;
  size_t pos = 0;  // end of the previous statement's code
  for (const sql::Statement& st : parsed.statements) {
    comments.clear();
    gap_comments(std::string_view(text).substr(pos, st.span.begin - pos), &st != &parsed.statements.front(),
                 comments);
    for (const std::string& c : comments) out += c + "\n";
    out += st.normalized();
    out += '\n';
    pos = st.span.end;
  }
  comments.clear();
  gap_comments(std::string_view(text).substr(pos), !parsed.statements.empty(), comments);
  for (const std::string& c : comments) out += c + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace miglint::cli
