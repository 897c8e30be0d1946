// identifier-too-long: a statement creates a table, column, index, constraint, sequence, type or
// domain (or renames one) with a name longer than PostgreSQL keeps (63 bytes).
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "python/ast.h"
#include "rules/column_types.h"
#include "sql/alter_table.h"
#include "sql/ddl.h"

namespace miglint::rules {
namespace {

// NAMEDATALEN - 1: what PostgreSQL keeps of an identifier, in bytes.
constexpr size_t kPostgresMax = 63;

// `name` cut to at most `max` bytes without splitting a UTF-8 character, as PostgreSQL's
// truncate_identifier (pg_mbcliplen) does.
std::string clip(std::string_view name, size_t max) {
  if (name.size() <= max) return std::string(name);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
  return std::string(name.substr(0, n));
}

// The names the statement brings into existence, as the parse tree holds them: PostgreSQL's
// scanner has already cut each to 63 bytes there, so the full spelling is read from the text.
std::set<std::string> created_names(const sql::Statement& st) {
  std::set<std::string> out;
  auto constraints = [&](const std::vector<sql::ConstraintDef>& list) {
    for (const auto& c : list)
      if (!c.name.empty()) out.insert(c.name);
  };
  auto column = [&](const sql::ColumnDef& c) {
    if (!c.name.empty()) out.insert(c.name);
    constraints(c.constraints);
  };
  if (auto t = sql::as_create_table(st)) {
    out.insert(t->relation.name);
    for (const auto& c : t->columns) column(c);
    constraints(t->constraints);
  } else if (auto a = sql::as_alter_table(st)) {
    for (const auto& cmd : a->commands) {
      if (cmd.column && (cmd.type == sql::AlterTableType::AddColumn ||
                         cmd.type == sql::AlterTableType::AddColumnRecurse))
        column(*cmd.column);
      if (cmd.constraint && (cmd.type == sql::AlterTableType::AddConstraint ||
                             cmd.type == sql::AlterTableType::AddConstraintRecurse) &&
          !cmd.constraint->name.empty())
        out.insert(cmd.constraint->name);
    }
  } else if (auto ix = sql::as_index(st)) {
    if (!ix->name.empty()) out.insert(ix->name);
  } else if (auto r = sql::as_rename(st)) {
    if (!r->new_name.empty()) out.insert(r->new_name);
  } else if (auto ctas = sql::as_create_table_as(st)) {
    out.insert(ctas->relation.name);
  } else if (auto e = sql::as_create_enum(st)) {
    out.insert(e->type.name);
  } else if (auto d = sql::as_create_domain(st)) {
    out.insert(d->domain.name);
    constraints(d->constraints);
  } else if (st.is("CreateSeqStmt")) {
    if (auto rel = st.relation()) out.insert(rel->name);
  }
  return out;
}

struct Identifier {
  std::string name;  // as PostgreSQL reads it: unquoted folded to lower case, quotes removed
  Span span;         // within the statement text, quotes included
};

bool ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

// The identifiers of a statement's text, skipping comments, string constants (also E'', B'',
// X'', U&'') and dollar-quoted bodies.
std::vector<Identifier> identifiers(std::string_view s) {
  std::vector<Identifier> out;
  size_t i = 0, n = s.size();
  auto skip_string = [&](bool backslashes) {  // at the opening quote
    for (++i; i < n; ++i) {
      if (backslashes && s[i] == '\\') { ++i; continue; }
      if (s[i] == '\'') {
        if (i + 1 < n && s[i + 1] == '\'') { ++i; continue; }
        ++i;
        return;
      }
    }
  };
  while (i < n) {
    unsigned char c = s[i];
    if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      while (i < n && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      int depth = 0;
      while (i < n) {
        if (s.substr(i, 2) == "/*") { ++depth; i += 2; }
        else if (s.substr(i, 2) == "*/") { i += 2; if (--depth == 0) break; }
        else ++i;
      }
    } else if (c == '\'') {
      skip_string(false);
    } else if (c == '$') {
      // $tag$ … $tag$ (the tag may be empty); $1 parameters are skipped as ordinary text.
      size_t j = i + 1;
      while (j < n && ident_char(s[j]) && s[j] != '$') ++j;
      if (j < n && s[j] == '$' && (j == i + 1 || !std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
        std::string_view tag = s.substr(i, j - i + 1);
        size_t close = s.find(tag, j + 1);
        i = close == std::string_view::npos ? n : close + tag.size();
      } else {
        i = j;
      }
    } else if (c == '"') {
      Identifier id;
      size_t begin = i;
      for (++i; i < n; ++i) {
        if (s[i] == '"') {
          if (i + 1 < n && s[i + 1] == '"') { id.name += '"'; ++i; continue; }
          break;
        }
        id.name += s[i];
      }
      i = std::min(i + 1, n);
      id.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(i)};
      out.push_back(std::move(id));
    } else if (ident_start(c)) {
      size_t begin = i;
      while (i < n && ident_char(s[i])) ++i;
      std::string_view word = s.substr(begin, i - begin);
      // A string constant's prefix: E'…' (backslash escapes), B'…', X'…', N'…', U&'…'.
      if (i < n && s[i] == '\'' && word.size() == 1 && std::string_view("eEbBxXnN").find(word[0]) != std::string_view::npos) {
        skip_string(word[0] == 'e' || word[0] == 'E');
        continue;
      }
      if (i + 1 < n && s[i] == '&' && (word == "u" || word == "U") && (s[i + 1] == '\'' || s[i + 1] == '"')) {
        // U&'…' and U&"…": escapes make the spelling differ from the name; skip them.
        ++i;
        char quote = s[i];
        for (++i; i < n && s[i] != quote; ++i) {}
        ++i;
        continue;
      }
      Identifier id;
      for (char ch : word) id.name += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
      id.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(i)};
      out.push_back(std::move(id));
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace

void check_identifier_too_long(const lint::Migration& m, lint::RuleContext& ctx) {
  long long configured = ctx.option_int("max-length");
  size_t max = configured > 0 ? static_cast<size_t>(configured) : kPostgresMax;
  for (const auto& s : m.statements()) {
    std::set<std::string> created = created_names(s.statement());
    if (created.empty()) continue;
    std::set<std::string> reported;
    for (const Identifier& id : identifiers(s.statement().text)) {
      if (id.name.size() <= max || !created.count(clip(id.name, kPostgresMax))) continue;
      if (!reported.insert(id.name).second) continue;
      std::string kept = clip(id.name, kPostgresMax);
      std::string message =
          id.name.size() > kPostgresMax
              ? fmt::format("Name \"{}\" is {} bytes: PostgreSQL cuts it to its first {} bytes (\"{}\") with only a "
                            "NOTICE: autogenerate and reflection then see another name than the model's, "
                            "SQLAlchemy refuses the full name in a later op.drop_index or op.drop_constraint, "
                            "and two long names with the same first {} bytes collide",
                            id.name, id.name.size(), kept.size(), kept, kPostgresMax)
              : fmt::format("Name \"{}\" is {} bytes, over the configured maximum of {}", id.name,
                            id.name.size(), max);
      std::string help = fmt::format("Choose a name of at most {} bytes", max);
      // op.f() names are cut to 63 bytes with a hash suffix by SQLAlchemy: enough only when the
      // limit is PostgreSQL's own.
      if (max >= kPostgresMax)
        help += " (for an index or constraint, op.f(\"…\") also works: SQLAlchemy shortens it with a hash suffix)";
      // Generated SQL points at its op call; narrow to the string that spells the name.
      const python::Node* call = m.op_call(s);
      bool verbatim = s.lowered && !s.lowered->source_map.empty();
      const python::Node* literal = verbatim ? nullptr : find_string_argument(call, id.name);
      if (literal) {
        Diagnostic& d = ctx.report(Location{m.revision().file, literal->span, {}}, message, help);
        if (s.lowered) d.origin = s.lowered->origin;
      } else {
        Diagnostic& d = ctx.report(m.location(s, id.span), message, help);
        if (s.lowered) d.origin = s.lowered->origin;
      }
    }
  }
}

}  // namespace miglint::rules
