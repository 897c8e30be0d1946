// Reads the column name lists of DML and of CREATE TABLE / VIEW / TABLE AS from the parse tree.
#include "sql/column_lists.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "sql/json_read.h"

namespace miglint::sql {

using namespace json_read;

namespace {

// PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes, so longer names that share a
// prefix are the same column.
std::string identifier(std::string name) {
  if (name.size() > 63) name.resize(63);
  return name;
}

std::optional<uint32_t> location_of(const Json& body) {
  int64_t at = get_int(body, "location", -1);
  if (at < 0) return std::nullopt;
  return static_cast<uint32_t>(at);
}

// The ResTarget items of a SET / INSERT column list.
std::vector<ColumnMention> targets(const Json& items) {
  std::vector<ColumnMention> out;
  for (const auto& item : items) {
    const auto& b = body_if(item, "ResTarget");
    if (!b.is_object() || get_string(b, "name").empty()) continue;
    out.push_back({identifier(get_string(b, "name")), !list(b, "indirection").empty(), location_of(b)});
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<ColumnMention> output_names(const Json& query);

// The output column name PostgreSQL gives a select-list expression without an alias
// (FigureColname in parse_target.c), for the node kinds it names; nullopt for kinds whose
// naming miglint does not reproduce (indirection, XML, `*`).
std::optional<std::string> figure_colname(const Json& node) {
  std::string_view k = kind(node);
  const Json& b = body(node);
  if (k == "ColumnRef") {
    const auto& fields = list(b, "fields");
    if (fields.empty() || kind(fields.back()) != "String") return std::nullopt;  // t.*
    return string_value(fields.back());
  }
  if (k == "FuncCall") {
    auto names = string_list(list(b, "funcname"));
    if (names.empty()) return std::nullopt;
    return names.back();
  }
  if (k == "TypeCast" || k == "CollateClause") {
    auto inner = figure_colname(field(b, "arg"));
    if (!inner || *inner != "?column?" || k == "CollateClause") return inner;
    auto names = string_list(list(field(b, "typeName"), "names"));
    return names.empty() ? inner : std::optional<std::string>(names.back());
  }
  if (k == "A_ArrayExpr") return "array";
  if (k == "RowExpr") return "row";
  if (k == "CoalesceExpr") return "coalesce";
  if (k == "MinMaxExpr") return get_string(b, "op") == "IS_GREATEST" ? "greatest" : "least";
  if (k == "GroupingFunc") return "grouping";
  if (k == "CaseExpr") {
    auto inner = figure_colname(field(b, "defresult"));
    return inner && *inner != "?column?" ? inner : std::optional<std::string>("case");
  }
  if (k == "SQLValueFunction") {
    std::string op = lower(get_string(b, "op"));
    if (op.rfind("svfop_", 0) != 0) return std::nullopt;
    op = op.substr(6);
    if (op.size() > 2 && op.compare(op.size() - 2, 2, "_n") == 0) op.resize(op.size() - 2);
    return op;
  }
  if (k == "A_Expr" && get_string(b, "kind") == "AEXPR_NULLIF") return "nullif";
  if (k == "SubLink") {
    std::string type = get_string(b, "subLinkType");
    if (type == "EXISTS_SUBLINK") return "exists";
    if (type == "ARRAY_SUBLINK") return "array";
    if (type != "EXPR_SUBLINK") return "?column?";
    // (SELECT a FROM t) is named after the subquery's only column.
    auto inner = output_names(field(b, "subselect"));
    if (inner.empty()) return std::nullopt;
    return inner[0].name;
  }
  if (k == "A_Indirection" || k == "XmlExpr" || k == "XmlSerialize" || k.empty()) return std::nullopt;
  return "?column?";
}

// The output names of a query (the leftmost SELECT of a UNION), each with its location.
std::vector<ColumnMention> output_names(const Json& query) {
  const Json* select = &body_if(query, "SelectStmt");
  while (select->is_object() && get_string(*select, "op") != "SETOP_NONE" && !get_string(*select, "op").empty())
    select = &field(*select, "larg");  // larg is a SelectStmt body, not a node
  std::vector<ColumnMention> out;
  if (!select->is_object()) return out;
  for (const auto& item : list(*select, "targetList")) {
    const auto& b = body_if(item, "ResTarget");
    if (!b.is_object()) continue;
    std::optional<std::string> name;
    if (!get_string(b, "name").empty()) name = get_string(b, "name");
    else name = figure_colname(field(b, "val"));
    // A name miglint cannot work out would shift nothing (names are compared, not positions).
    if (name) out.push_back({identifier(*name), false, location_of(b)});
  }
  return out;
}

// CREATE VIEW v (a, b) / CREATE TABLE t (a, b) AS: the names given, then for columns beyond
// them the query's own names.
std::vector<ColumnMention> named_outputs(const Json& aliases, const Json& query) {
  std::vector<ColumnMention> out;
  for (const auto& a : aliases) out.push_back({identifier(string_value(a)), false, std::nullopt});
  if (out.empty()) return output_names(query);
  return out;
}

void collect(const Json& node, std::vector<ColumnList>& out) {
  if (node.is_array()) {
    for (const auto& child : node) collect(child, out);
    return;
  }
  if (!node.is_object()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string& k = it.key();
    const Json& b = it.value();
    if (k == "UpdateStmt") {
      out.push_back({ColumnListKind::Assignment, targets(list(b, "targetList"))});
    } else if (k == "InsertStmt") {
      out.push_back({ColumnListKind::Insert, targets(list(b, "cols"))});
      const auto& conflict = field(b, "onConflictClause");
      if (conflict.is_object())
        out.push_back({ColumnListKind::Assignment, targets(list(conflict, "targetList"))});
    } else if (k == "MergeWhenClause") {
      bool insert = get_string(b, "commandType") == "CMD_INSERT";
      out.push_back({insert ? ColumnListKind::Insert : ColumnListKind::Assignment, targets(list(b, "targetList"))});
    } else if (k == "CreateStmt") {
      ColumnList l{ColumnListKind::Definition, {}};
      for (const auto& e : list(b, "tableElts"))
        if (const auto& c = body_if(e, "ColumnDef"); c.is_object())
          l.columns.push_back({identifier(get_string(c, "colname")), false, location_of(c)});
      out.push_back(std::move(l));
    } else if (k == "ViewStmt") {
      out.push_back({ColumnListKind::Definition, named_outputs(list(b, "aliases"), field(b, "query"))});
    } else if (k == "CreateTableAsStmt") {
      out.push_back({ColumnListKind::Definition,
                     named_outputs(list(field(b, "into"), "colNames"), field(b, "query"))});
    }
    collect(b, out);
  }
}

}  // namespace

std::vector<ColumnList> column_lists(const Statement& st) {
  std::vector<ColumnList> out;
  collect(st.node, out);
  return out;
}

std::vector<DuplicateColumn> duplicate_columns(const Statement& st) {
  std::vector<DuplicateColumn> out;
  for (const auto& l : column_lists(st)) {
    // In first-mention order, so findings follow the text.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const ColumnMention*>> by_name;
    for (const auto& c : l.columns) {
      auto& mentions = by_name[c.name];
      if (mentions.empty()) order.push_back(c.name);
      mentions.push_back(&c);
    }
    for (const auto& name : order) {
      const auto& mentions = by_name[name];
      if (mentions.size() < 2) continue;
      // Several partial assignments (SET c.x = 1, c.y = 2) are allowed.
      if (std::all_of(mentions.begin(), mentions.end(), [](const ColumnMention* c) { return c->partial; }))
        continue;
      out.push_back({l.kind, *mentions[0], *mentions[1]});
    }
  }
  return out;
}

}  // namespace miglint::sql
