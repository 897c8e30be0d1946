// Statement: generic accessors and the comment trimming that places spans on code.
#include "sql/statement.h"

#include <cctype>

#include "sql/json_read.h"
#include "sql/pg_query.h"

namespace miglint::sql {

using namespace json_read;

std::string_view Statement::kind() const { return json_read::kind(node); }

QualifiedName range_var_name(const nlohmann::json& range_var) {
  return {get_string(range_var, "schemaname"), get_string(range_var, "relname")};
}

QualifiedName dotted_name(const std::vector<std::string>& parts) {
  QualifiedName q;
  if (parts.empty()) return q;
  q.name = parts.back();
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!q.schema.empty()) q.schema += '.';
    q.schema += parts[i];
  }
  return q;
}

std::vector<QualifiedName> Statement::relations() const {
  std::vector<QualifiedName> out;
  const auto& b = body(node);
  auto add = [&](const nlohmann::json& rv) {
    if (rv.is_object() && !get_string(rv, "relname").empty()) out.push_back(range_var_name(rv));
  };
  std::string_view k = kind();
  if (k == "CreateTableAsStmt") {
    add(field(field(b, "into"), "rel"));
  } else if (k == "TruncateStmt" || k == "LockStmt") {
    for (const auto& rel : list(b, "relations")) add(body_if(rel, "RangeVar"));
  } else if (k == "CreateSeqStmt" || k == "AlterSeqStmt") {
    add(field(b, "sequence"));
  } else if (k == "ViewStmt") {
    add(field(b, "view"));
  } else if (k == "VacuumStmt") {
    for (const auto& rel : list(b, "rels")) add(field(body_if(rel, "VacuumRelation"), "relation"));
  } else {
    // Every other statement that names a relation keeps it in "relation".
    add(field(b, "relation"));
  }
  return out;
}

std::optional<QualifiedName> Statement::relation() const {
  auto all = relations();
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::string Statement::relation_name() const {
  auto r = relation();
  return r ? r->str() : std::string();
}

bool Statement::has_where_clause() const {
  std::string_view k = kind();
  if (k != "UpdateStmt" && k != "DeleteStmt") return false;
  return field(body(node), "whereClause").is_object();
}

std::string Statement::normalized() const { return normalize_node(node); }

namespace {

bool is_ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         (static_cast<unsigned char>(c) & 0x80);
}

// Skips a comment starting at `i` (which must be "--" or "/*"); returns the index after it.
size_t skip_comment(std::string_view s, size_t i, size_t end) {
  if (s.substr(i, 2) == "--") {
    while (i < end && s[i] != '\n') ++i;
    return i;
  }
  int depth = 0;  // PostgreSQL block comments nest
  while (i < end) {
    if (s.substr(i, 2) == "/*") {
      ++depth, i += 2;
    } else if (s.substr(i, 2) == "*/") {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return end;
}

bool comment_at(std::string_view s, size_t i, size_t end) {
  return i + 1 < end && (s.substr(i, 2) == "--" || s.substr(i, 2) == "/*");
}

// Skips a quoted token starting at `i`; returns the index after it (or `end` if unclosed).
size_t skip_quoted(std::string_view s, size_t i, size_t end) {
  char q = s[i];
  if (q == '$') {
    size_t close_tag = s.find('$', i + 1);
    std::string_view tag = s.substr(i, close_tag - i + 1);
    size_t close = s.find(tag, close_tag + 1);
    return close == std::string_view::npos || close + tag.size() > end ? end : close + tag.size();
  }
  // E'…' strings treat backslash as an escape; standard strings and identifiers do not.
  bool backslash = q == '\'' && i > 0 && (s[i - 1] == 'e' || s[i - 1] == 'E') &&
                   (i < 2 || !is_ident_char(s[i - 2]));
  for (++i; i < end; ++i) {
    if (backslash && s[i] == '\\') {
      ++i;
    } else if (s[i] == q) {
      if (i + 1 < end && s[i + 1] == q) {
        ++i;  // doubled quote
      } else {
        return i + 1;
      }
    }
  }
  return end;
}

// A '$' that opens a dollar quote: "$$" or "$tag$", not "$1" or a '$' inside an identifier.
bool dollar_quote_at(std::string_view s, size_t i, size_t end) {
  if (i > 0 && is_ident_char(s[i - 1])) return false;
  size_t j = i + 1;
  if (j < end && std::isdigit(static_cast<unsigned char>(s[j]))) return false;
  while (j < end && s[j] != '$' && is_ident_char(s[j])) ++j;
  return j < end && s[j] == '$';
}

}  // namespace

Span trim_to_code(std::string_view text, Span span) {
  size_t end = std::min<size_t>(span.end, text.size());
  size_t i = std::min<size_t>(span.begin, end);
  // Leading: only whitespace and comments can come before the first token.
  while (i < end) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (comment_at(text, i, end)) {
      i = skip_comment(text, i, end);
    } else {
      break;
    }
  }
  size_t begin = i;
  size_t code_end = begin;
  // Trailing: walk the tokens, remembering where the last non-comment one ended.
  while (i < end) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (comment_at(text, i, end)) {
      i = skip_comment(text, i, end);
    } else if (c == '\'' || c == '"' || (c == '$' && dollar_quote_at(text, i, end))) {
      i = code_end = skip_quoted(text, i, end);
    } else {
      code_end = ++i;
    }
  }
  return {static_cast<uint32_t>(begin), static_cast<uint32_t>(code_end)};
}

}  // namespace miglint::sql
