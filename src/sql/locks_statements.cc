// The lock table for every statement kind but ALTER TABLE (which is in locks.cc): CREATE and
// DROP INDEX, REINDEX, REFRESH, VACUUM, CLUSTER, TRUNCATE, LOCK, CREATE/DROP TABLE, RENAME,
// COMMENT, CREATE TRIGGER, DML and SELECT. Sources: PostgreSQL 15 reference pages of each
// command and explicit-locking.html (see docs/locks.md).
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "sql/ddl.h"
#include "sql/json_read.h"
#include "sql/locks_collector.h"
#include "sql/utility.h"

namespace miglint::sql::locks_detail {

namespace {

using LM = LockMode;
namespace jr = json_read;

// Every RangeVar under `node` (FROM lists, subqueries, CTEs …), for the ACCESS SHARE locks
// that reading a table takes.
void range_vars(const nlohmann::json& node, std::vector<QualifiedName>& out) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "RangeVar") {
        out.push_back(range_var_name(it.value()));
      } else {
        range_vars(it.value(), out);
      }
    }
  } else if (node.is_array()) {
    for (const auto& child : node) range_vars(child, out);
  }
}

// ACCESS SHARE on every table read by `node`, except `skip` (the statement's own target).
void reads(Collector& out, const nlohmann::json& node, const std::string& skip,
           std::string_view why) {
  std::vector<QualifiedName> names;
  range_vars(node, names);
  for (const auto& n : names)
    if (n.str() != skip) out.add(n.str(), LM::AccessShare, Work::CatalogOnly, std::string(why));
}

bool is_relation(ObjectType t) {
  switch (t) {
    case ObjectType::Table: case ObjectType::Index: case ObjectType::Sequence:
    case ObjectType::View: case ObjectType::MatView: case ObjectType::ForeignTable:
    case ObjectType::Column: case ObjectType::TableConstraint:
      return true;
    default:
      return false;
  }
}

// Objects that hang off a table and whose DDL takes ACCESS EXCLUSIVE on it.
bool is_table_member(ObjectType t) {
  return t == ObjectType::Trigger || t == ObjectType::Rule || t == ObjectType::Policy;
}

void create_table(Collector& out, const Statement& st) {
  auto info = as_create_table(st);
  if (!info) return;
  const std::string table = info->relation.str();
  auto fk = [&](const ConstraintDef& c) {
    if (c.type == ConstraintType::ForeignKey && !c.references.empty())
      out.add(c.references.str(), LM::ShareRowExclusive, Work::CatalogOnly,
              fmt::format("referenced by a FOREIGN KEY of the new table {}", table));
  };
  for (const auto& col : info->columns)
    for (const auto& c : col.constraints) fk(c);
  for (const auto& c : info->constraints) fk(c);
  // PARTITION OF locks the parent ACCESS EXCLUSIVE; INHERITS takes SHARE UPDATE EXCLUSIVE.
  const auto& body = jr::body(st.node);
  bool partition = !jr::field(body, "partbound").is_null();
  for (const auto& parent : jr::list(body, "inhRelations")) {
    const auto& rv = jr::body_if(parent, "RangeVar");
    if (rv.is_null()) continue;
    if (partition)
      out.add(range_var_name(rv).str(), LM::AccessExclusive, Work::CatalogOnly,
              fmt::format("CREATE TABLE {} PARTITION OF", table));
    else
      out.add(range_var_name(rv).str(), LM::ShareUpdateExclusive, Work::CatalogOnly,
              fmt::format("CREATE TABLE {} INHERITS", table));
  }
}

void drop(Collector& out, const DropInfo& d) {
  for (const auto& obj : d.objects) {
    if (d.object_type == ObjectType::Index) {
      // PostgreSQL locks the index's table too; the statement names only the index.
      if (d.concurrent)
        out.add(obj.str(), LM::ShareUpdateExclusive, Work::CatalogOnly,
                "DROP INDEX CONCURRENTLY (and SHARE UPDATE EXCLUSIVE on its table)");
      else
        out.add(obj.str(), LM::AccessExclusive, Work::CatalogOnly,
                "DROP INDEX (and ACCESS EXCLUSIVE on its table)");
    } else if (is_relation(d.object_type)) {
      out.add(obj.str(), LM::AccessExclusive, Work::CatalogOnly, "DROP");
    } else if (is_table_member(d.object_type)) {
      out.add(obj.schema, LM::AccessExclusive, Work::CatalogOnly,
              fmt::format("DROP of {} on the table", obj.name));
    }
    // Types, functions, schemas …: no table lock of their own (CASCADE may reach tables,
    // which the statement does not name).
  }
}

void rename(Collector& out, const RenameInfo& r, int pg_major) {
  if (is_table_member(r.object_type)) {
    out.add(r.target.str(), LM::AccessExclusive, Work::CatalogOnly, "RENAME of a trigger/rule/policy");
    return;
  }
  if (!is_relation(r.object_type)) return;  // types, schemas …: no table lock
  // ALTER INDEX … RENAME takes only SHARE UPDATE EXCLUSIVE since PostgreSQL 12.
  if (r.object_type == ObjectType::Index && pg_major >= 12)
    out.add(r.target.str(), LM::ShareUpdateExclusive, Work::CatalogOnly, "ALTER INDEX RENAME");
  else
    out.add(r.target.str(), LM::AccessExclusive, Work::CatalogOnly,
            r.old_name.empty() ? "RENAME" : fmt::format("RENAME {}", r.old_name));
}

void comment(Collector& out, const Statement& st) {
  const auto& body = jr::body(st.node);
  ObjectType type = parse_object_type(jr::get_string(body, "objtype"));
  if (!is_relation(type)) return;
  const auto& object = jr::field(body, "object");
  auto parts = jr::string_list(jr::list(jr::body_if(object, "List"), "items"));
  if (type == ObjectType::Column && !parts.empty()) parts.pop_back();  // the column
  if (parts.empty()) return;
  // COMMENT takes SHARE UPDATE EXCLUSIVE on the commented object (CommentObject()).
  out.add(dotted_name(parts).str(), LM::ShareUpdateExclusive, Work::CatalogOnly, "COMMENT ON");
}

}  // namespace

std::optional<std::vector<LockInfo>> statement_locks(const Statement& st, int pg_major) {
  Collector out;
  const std::string_view kind = st.kind();
  const std::string target = st.relation_name();

  if (auto idx = as_index(st)) {
    if (idx->concurrent)
      out.add(idx->table.str(), LM::ShareUpdateExclusive, Work::Scan,
              "CREATE INDEX CONCURRENTLY builds the index (two scans)");
    else
      out.add(idx->table.str(), LM::Share, Work::Scan, "CREATE INDEX builds the index (scan)");
  } else if (auto d = as_drop(st)) {
    drop(out, *d);
  } else if (auto r = as_rename(st)) {
    rename(out, *r, pg_major);
  } else if (auto r = as_reindex(st)) {
    if (r->relation.empty()) return std::vector<LockInfo>{};  // SCHEMA/DATABASE: unnamed tables
    // Plain REINDEX takes SHARE on the table and ACCESS EXCLUSIVE on each index it rebuilds,
    // so reads that would use the index wait too.
    if (r->concurrent)
      out.add(r->relation.str(), LM::ShareUpdateExclusive, Work::Scan, "REINDEX CONCURRENTLY");
    else if (r->target == ReindexInfo::Target::Index)
      out.add(r->relation.str(), LM::AccessExclusive, Work::Scan,
              "REINDEX INDEX (SHARE on its table, ACCESS EXCLUSIVE on the index)");
    else
      out.add(r->relation.str(), LM::Share, Work::Scan,
              "REINDEX TABLE (ACCESS EXCLUSIVE on each index while rebuilt)");
  } else if (auto m = as_refresh_matview(st)) {
    if (m->concurrent)
      out.add(m->view.str(), LM::Exclusive, Work::Rewrite, "REFRESH MATERIALIZED VIEW CONCURRENTLY");
    else
      out.add(m->view.str(), LM::AccessExclusive, Work::Rewrite, "REFRESH MATERIALIZED VIEW");
  } else if (auto v = as_vacuum(st)) {
    for (const auto& rel : v->relations) {
      if (v->full)
        out.add(rel.str(), LM::AccessExclusive, Work::Rewrite, "VACUUM FULL rewrites the table");
      else
        out.add(rel.str(), LM::ShareUpdateExclusive, Work::Scan, v->vacuum ? "VACUUM" : "ANALYZE");
    }
  } else if (auto c = as_cluster(st)) {
    if (!c->relation.empty())
      out.add(c->relation.str(), LM::AccessExclusive, Work::Rewrite, "CLUSTER rewrites the table");
    else
      return std::nullopt;  // every previously clustered table: unknown to miglint
  } else if (auto t = as_truncate(st)) {
    for (const auto& rel : t->relations)
      out.add(rel.str(), LM::AccessExclusive, Work::CatalogOnly, "TRUNCATE");
  } else if (auto l = as_lock_table(st)) {
    if (l->mode < 1 || l->mode > 8) return std::nullopt;
    auto mode = static_cast<LockMode>(l->mode - 1);
    for (const auto& rel : l->relations)
      out.add(rel.str(), mode, Work::CatalogOnly, fmt::format("LOCK TABLE IN {} MODE", l->mode_name));
  } else if (kind == "CreateStmt") {
    create_table(out, st);
  } else if (kind == "CommentStmt") {
    comment(out, st);
  } else if (kind == "CreateTrigStmt") {
    const auto& rv = jr::field(jr::body(st.node), "relation");
    out.add(range_var_name(rv).str(), LM::ShareRowExclusive, Work::CatalogOnly, "CREATE TRIGGER");
  } else if (kind == "AlterSeqStmt") {
    // ALTER SEQUENCE takes SHARE ROW EXCLUSIVE since PostgreSQL 10 (checked in pg_locks).
    out.add(target, LM::ShareRowExclusive, Work::CatalogOnly, "ALTER SEQUENCE");
  } else if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt") {
    std::string_view verb = kind == "InsertStmt" ? "INSERT" : kind == "UpdateStmt" ? "UPDATE" : "DELETE";
    // An UPDATE without WHERE writes a new version of every row in place (MVCC): as slow as
    // a rewrite, but the table keeps its file, so it is a scan (checked against
    // pg_relation_filenode in tests/oracle/locks_oracle.py).
    out.add(target, LM::RowExclusive, Work::Scan,
            kind == "UpdateStmt" && !st.has_where_clause() ? "UPDATE of every row" : std::string(verb));
    reads(out, st.node, target, fmt::format("read by {}", verb));
  } else if (kind == "SelectStmt") {
    bool for_update = !jr::list(jr::body(st.node), "lockingClause").empty();
    std::vector<QualifiedName> names;
    range_vars(st.node, names);
    for (const auto& n : names)
      out.add(n.str(), for_update ? LM::RowShare : LM::AccessShare, Work::Scan,
              for_update ? "SELECT … FOR UPDATE/SHARE" : "SELECT");
  } else if (kind == "ViewStmt") {
    const auto& body = jr::body(st.node);
    std::string view = range_var_name(jr::field(body, "view")).str();
    if (jr::get_bool(body, "replace"))
      out.add(view, LM::AccessExclusive, Work::CatalogOnly, "CREATE OR REPLACE VIEW");
    reads(out, jr::field(body, "query"), view, "read by the view definition");
  } else if (kind == "CreateTableAsStmt") {
    auto info = as_create_table_as(st);
    reads(out, jr::field(jr::body(st.node), "query"), info ? info->relation.str() : "",
          "read by CREATE … AS");
  } else if (kind == "AlterEnumStmt" || kind == "CreateEnumStmt" || kind == "TransactionStmt" ||
             kind == "VariableSetStmt" || kind == "VariableShowStmt" ||
             kind == "CreateExtensionStmt" || kind == "CreateSchemaStmt" ||
             kind == "CreateSeqStmt" || kind == "CreateFunctionStmt" ||
             kind == "CompositeTypeStmt" || kind == "CreateDomainStmt" ||
             kind == "DefineStmt" || kind == "GrantStmt" || kind == "GrantRoleStmt") {
    // No lock on an existing table (GRANT included: checked in pg_locks). ALTER TYPE … ADD
    // VALUE locks only the type.
    return std::vector<LockInfo>{};
  } else {
    return std::nullopt;
  }
  return out.take();
}

}  // namespace miglint::sql::locks_detail
