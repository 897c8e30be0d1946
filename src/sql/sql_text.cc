// parse_sql: one libpg_query parse of the whole text, split into Statements by the
// stmt_location/stmt_len fields of each RawStmt.
#include "sql/sql_text.h"

#include <algorithm>

#include "sql/json_read.h"
#include "sql/pg_query.h"

namespace miglint::sql {

using namespace json_read;

ParseResult parse_sql(std::string_view sql) {
  ParseResult result;
  PgParseOutput out = pg_parse(sql);
  if (out.error) {
    result.error = SqlError{out.error->message, out.error->offset, out.error->offset_known};
    return result;
  }
  const auto size = static_cast<int64_t>(sql.size());
  if (!out.tree.contains("stmts") || !out.tree["stmts"].is_array()) return result;
  for (auto& raw : out.tree["stmts"]) {
    // Absent stmt_location means 0; absent stmt_len means "to the end of the text" (the last
    // statement without a ';'). Clamp both: the text is ours, the numbers are libpg_query's.
    int64_t begin = std::clamp<int64_t>(get_int(raw, "stmt_location", 0), 0, size);
    int64_t len = get_int(raw, "stmt_len", 0);
    int64_t end = len > 0 ? std::min(begin + len, size) : size;

    Statement st;
    st.raw_span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    st.span = trim_to_code(sql, st.raw_span);
    st.text = std::string(sql.substr(st.span.begin, st.span.size()));
    st.node = std::move(raw["stmt"]);  // the tree is ours: move, don't copy
    result.statements.push_back(std::move(st));
  }
  return result;
}

bool same_statements(std::string_view a, std::string_view b) {
  ParseResult pa = parse_sql(a), pb = parse_sql(b);
  if (!pa.ok() || !pb.ok() || pa.statements.size() != pb.statements.size()) return false;
  for (size_t i = 0; i < pa.statements.size(); ++i)
    if (pa.statements[i].normalized() != pb.statements[i].normalized()) return false;
  return true;
}

}  // namespace miglint::sql
