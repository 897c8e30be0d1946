// Readers for the statements declared in ddl.h.
#include "sql/ddl.h"

#include <algorithm>

#include "sql/json_read.h"

namespace miglint::sql {

using namespace json_read;

std::optional<CreateTableInfo> as_create_table(const Statement& st) {
  if (!st.is("CreateStmt")) return std::nullopt;
  const auto& b = body(st.node);
  CreateTableInfo info;
  const auto& rel = field(b, "relation");
  info.relation = range_var_name(rel);
  std::string persistence = get_string(rel, "relpersistence");
  info.temporary = persistence == "t";
  info.unlogged = persistence == "u";
  info.if_not_exists = get_bool(b, "if_not_exists");
  info.partitioned = field(b, "partspec").is_object();
  for (const auto& elt : list(b, "tableElts")) {
    if (kind(elt) == "ColumnDef") info.columns.push_back(read_column_def(body(elt)));
    if (kind(elt) == "Constraint") info.constraints.push_back(read_constraint(body(elt)));
  }
  return info;
}

namespace {

// IndexElem list → column names ("" for an expression key).
std::vector<std::string> index_columns(const nlohmann::json& elems, bool* has_expressions) {
  std::vector<std::string> out;
  for (const auto& e : elems) {
    const auto& eb = body_if(e, "IndexElem");
    out.push_back(get_string(eb, "name"));
    if (field(eb, "expr").is_object() && has_expressions) *has_expressions = true;
  }
  return out;
}

// One DROP object: a List of Strings (tables, indexes, triggers), a bare String (schemas,
// extensions), a TypeName (types, domains) or an ObjectWithArgs (functions).
QualifiedName drop_object_name(const nlohmann::json& obj) {
  std::string_view k = kind(obj);
  const auto& b = body(obj);
  if (k == "List") return dotted_name(string_list(list(b, "items")));
  if (k == "String") return {"", string_value(obj)};
  if (k == "TypeName") return dotted_name(string_list(list(b, "names")));
  if (k == "ObjectWithArgs") return dotted_name(string_list(list(b, "objname")));
  return {};
}

}  // namespace

std::optional<IndexInfo> as_index(const Statement& st) {
  if (!st.is("IndexStmt")) return std::nullopt;
  const auto& b = body(st.node);
  IndexInfo info;
  info.table = range_var_name(field(b, "relation"));
  info.name = get_string(b, "idxname");
  info.concurrent = get_bool(b, "concurrent");
  info.unique = get_bool(b, "unique");
  info.if_not_exists = get_bool(b, "if_not_exists");
  info.partial = field(b, "whereClause").is_object();
  info.access_method = get_string(b, "accessMethod");
  info.columns = index_columns(list(b, "indexParams"), &info.has_expressions);
  info.include_columns = index_columns(list(b, "indexIncludingParams"), nullptr);
  return info;
}

std::optional<DropInfo> as_drop(const Statement& st) {
  if (!st.is("DropStmt")) return std::nullopt;
  const auto& b = body(st.node);
  DropInfo info;
  info.object_type = parse_object_type(get_string(b, "removeType"));
  info.if_exists = get_bool(b, "missing_ok");
  info.cascade = get_string(b, "behavior") == "DROP_CASCADE";
  info.concurrent = get_bool(b, "concurrent");
  for (const auto& obj : list(b, "objects")) info.objects.push_back(drop_object_name(obj));
  return info;
}

std::optional<RenameInfo> as_rename(const Statement& st) {
  if (!st.is("RenameStmt")) return std::nullopt;
  const auto& b = body(st.node);
  RenameInfo info;
  info.object_type = parse_object_type(get_string(b, "renameType"));
  const auto& rel = field(b, "relation");
  info.target = rel.is_object() ? range_var_name(rel) : drop_object_name(field(b, "object"));
  info.old_name = get_string(b, "subname");
  info.new_name = get_string(b, "newname");
  info.if_exists = get_bool(b, "missing_ok");
  return info;
}

std::optional<CreateEnumInfo> as_create_enum(const Statement& st) {
  if (!st.is("CreateEnumStmt")) return std::nullopt;
  const auto& b = body(st.node);
  return CreateEnumInfo{dotted_name(string_list(list(b, "typeName"))),
                        string_list(list(b, "vals"))};
}

std::optional<AlterEnumInfo> as_alter_enum(const Statement& st) {
  if (!st.is("AlterEnumStmt")) return std::nullopt;
  const auto& b = body(st.node);
  AlterEnumInfo info;
  info.type = dotted_name(string_list(list(b, "typeName")));
  info.new_value = get_string(b, "newVal");
  info.old_value = get_string(b, "oldVal");
  info.neighbor = get_string(b, "newValNeighbor");
  info.after = get_bool(b, "newValIsAfter");
  info.if_not_exists = get_bool(b, "skipIfNewValExists");
  return info;
}

std::optional<CreateTableAsInfo> as_create_table_as(const Statement& st) {
  if (!st.is("CreateTableAsStmt")) return std::nullopt;
  const auto& b = body(st.node);
  CreateTableAsInfo info;
  const auto& into = field(b, "into");
  info.relation = range_var_name(field(into, "rel"));
  info.materialized_view = get_string(b, "objtype") == "OBJECT_MATVIEW";
  info.with_no_data = get_bool(into, "skipData");
  info.if_not_exists = get_bool(b, "if_not_exists");
  return info;
}

std::optional<CreateDomainInfo> as_create_domain(const Statement& st) {
  if (!st.is("CreateDomainStmt")) return std::nullopt;
  const auto& b = body(st.node);
  CreateDomainInfo info;
  info.domain = dotted_name(string_list(list(b, "domainname")));
  info.base_type = read_type_name(field(b, "typeName"));
  for (const auto& c : list(b, "constraints"))
    if (const auto& cb = body_if(c, "Constraint"); cb.is_object())
      info.constraints.push_back(read_constraint(cb));
  return info;
}

std::optional<AlterDomainInfo> as_alter_domain(const Statement& st) {
  if (!st.is("AlterDomainStmt")) return std::nullopt;
  const auto& b = body(st.node);
  AlterDomainInfo info;
  info.domain = dotted_name(string_list(list(b, "typeName")));
  // PostgreSQL encodes the action as one letter (parsenodes.h, AlterDomainStmt.subtype).
  using A = AlterDomainInfo::Action;
  std::string sub = get_string(b, "subtype");
  info.action = sub == "T"   ? A::SetDefault
                : sub == "N" ? A::DropNotNull
                : sub == "O" ? A::SetNotNull
                : sub == "C" ? A::AddConstraint
                : sub == "X" ? A::DropConstraint
                : sub == "V" ? A::ValidateConstraint
                             : A::Unknown;
  if (const auto& cb = body_if(field(b, "def"), "Constraint"); cb.is_object())
    info.constraint = read_constraint(cb);
  info.constraint_name = get_string(b, "name");
  return info;
}

std::optional<CreateExtensionInfo> as_create_extension(const Statement& st) {
  if (!st.is("CreateExtensionStmt")) return std::nullopt;
  const auto& b = body(st.node);
  CreateExtensionInfo info;
  info.name = get_string(b, "extname");
  info.if_not_exists = get_bool(b, "if_not_exists");
  for (const auto& opt : list(b, "options")) {
    const auto& d = body_if(opt, "DefElem");
    if (get_string(d, "defname") == "schema") info.schema = string_value(field(d, "arg"));
  }
  return info;
}

std::optional<CreateViewInfo> as_create_view(const Statement& st) {
  if (!st.is("ViewStmt")) return std::nullopt;
  const auto& b = body(st.node);
  return CreateViewInfo{range_var_name(field(b, "view")), get_bool(b, "replace")};
}

std::optional<CreateSequenceInfo> as_create_sequence(const Statement& st) {
  if (!st.is("CreateSeqStmt")) return std::nullopt;
  const auto& b = body(st.node);
  return CreateSequenceInfo{range_var_name(field(b, "sequence")), get_bool(b, "if_not_exists")};
}

namespace {

void collect_column_refs(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_array()) {
    for (const auto& item : node) collect_column_refs(item, out);
    return;
  }
  if (!node.is_object()) return;
  if (const auto& ref = body_if(node, "ColumnRef"); ref.is_object()) {
    auto parts = string_list(list(ref, "fields"));
    if (!parts.empty() && std::find(out.begin(), out.end(), parts.back()) == out.end()) out.push_back(parts.back());
    return;
  }
  for (const auto& [key, value] : node.items()) collect_column_refs(value, out);
}

}  // namespace

std::vector<std::string> column_references(const Statement& st) {
  std::vector<std::string> out;
  collect_column_refs(st.node, out);
  return out;
}

}  // namespace miglint::sql
