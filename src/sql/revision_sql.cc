// Parsing lowered statements and mapping their positions back into the revision file.
#include "sql/revision_sql.h"

#include <algorithm>

#include <fmt/format.h>

#include "alembic/revision.h"
#include "sql/sql_text.h"

namespace miglint::sql {
namespace {

bool has_map(const alembic::LoweredStatement& l) {
  return !l.source_map.empty() && l.source_map.size() == l.sql.size() + 1;
}

// What PostgreSQL's message leaves implicit, by its shape.
std::string help_for(const std::string& message) {
  if (message.starts_with("unterminated quoted string"))
    return "Close the quoted string; inside a SQL string literal a single quote is written ''";
  if (message.starts_with("unterminated"))
    return "Close the quoted identifier, comment or dollar-quoted string";
  if (message.find("at end of input") != std::string::npos)
    return "The statement ends too early: complete it (a missing closing parenthesis, a "
           "clause without its expression)";
  return "PostgreSQL would reject this statement and the migration would fail; fix the SQL "
         "(check for a misspelled keyword, a missing comma or a stray character near the "
         "position shown)";
}

}  // namespace

Span map_to_file(const alembic::LoweredStatement& lowered, Span sql_span) {
  if (!has_map(lowered)) return lowered.origin;
  const auto& m = lowered.source_map;
  uint32_t size = static_cast<uint32_t>(lowered.sql.size());
  uint32_t b = std::min(sql_span.begin, size);
  uint32_t e = std::min(sql_span.end, size);
  if (e <= b) return Span{m[b], m[b]};
  // The end is one past the source of the last byte: a span never stretches over the quotes
  // and prefix of the next literal of an implicit concatenation.
  return Span{m[b], std::max(m[b], m[e - 1]) + 1};
}

RevisionSql parse_revision_sql(const alembic::Revision& revision,
                               const std::vector<alembic::LoweredStatement>& lowered) {
  RevisionSql out;
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    const auto& l = lowered[i];
    ParseResult parsed = parse_sql(l.sql);
    if (parsed.error) {
      Diagnostic d;
      d.rule = "sql-syntax-error";
      d.severity = Severity::Error;
      d.location.file = revision.file;
      if (parsed.error->offset_known && has_map(l)) {
        uint32_t at = l.source_map[std::min<size_t>(parsed.error->offset, l.sql.size())];
        // One character wide, but never past the literal's last mapped byte.
        d.location.span = Span{at, at + (parsed.error->offset < l.sql.size() ? 1u : 0u)};
      } else {
        d.location.span = l.origin;
      }
      d.message = fmt::format("Invalid SQL: {}", parsed.error->message);
      d.help = help_for(parsed.error->message);
      if (!has_map(l))
        d.notes.push_back({fmt::format("the SQL miglint rendered for this operation: {}", l.sql),
                           std::nullopt});
      out.diagnostics.push_back(std::move(d));
      continue;
    }
    for (auto& st : parsed.statements) {
      RevisionStatement rs;
      rs.file_span = map_to_file(l, st.span);
      rs.in_transaction = l.in_transaction;
      rs.lowered_index = i;
      rs.statement = std::move(st);
      out.statements.push_back(std::move(rs));
    }
  }
  return out;
}

}  // namespace miglint::sql
