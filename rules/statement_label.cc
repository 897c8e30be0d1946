#include "rules/statement_label.h"

#include <cctype>

#include "sql/alter_table.h"
#include "sql/ddl.h"
#include "sql/locks.h"
#include "sql/utility.h"

namespace miglint::rules {
namespace {

std::string object_word(sql::ObjectType t) {
  using T = sql::ObjectType;
  switch (t) {
    case T::Table: return "TABLE";
    case T::Index: return "INDEX";
    case T::View: return "VIEW";
    case T::MatView: return "MATERIALIZED VIEW";
    case T::Sequence: return "SEQUENCE";
    case T::ForeignTable: return "FOREIGN TABLE";
    case T::Type: return "TYPE";
    case T::Domain: return "DOMAIN";
    case T::Schema: return "SCHEMA";
    case T::Function: return "FUNCTION";
    case T::Trigger: return "TRIGGER";
    case T::Extension: return "EXTENSION";
    case T::Column: return "COLUMN";
    case T::TableConstraint: return "CONSTRAINT";
    default: return "";
  }
}

std::string with_object(std::string verb, sql::ObjectType t) {
  std::string word = object_word(t);
  return word.empty() ? verb : verb + " " + word;
}

}  // namespace

std::string statement_label(const sql::Statement& st) {
  std::string_view k = st.kind();
  if (auto a = sql::as_alter_table(st)) return with_object("ALTER", a->object_type);
  if (auto d = sql::as_drop(st)) return with_object("DROP", d->object_type);
  if (auto r = sql::as_rename(st)) {
    // RENAME COLUMN / CONSTRAINT are written ALTER TABLE … RENAME.
    bool inside = r->object_type == sql::ObjectType::Column ||
                  r->object_type == sql::ObjectType::TableConstraint;
    return (inside ? std::string("ALTER TABLE") : with_object("ALTER", r->object_type)) + " … RENAME";
  }
  if (auto ix = sql::as_index(st)) return ix->unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
  if (k == "CreateStmt") return "CREATE TABLE";
  if (auto ctas = sql::as_create_table_as(st))
    return ctas->materialized_view ? "CREATE MATERIALIZED VIEW" : "CREATE TABLE … AS";
  if (k == "ViewStmt") return "CREATE VIEW";
  if (k == "InsertStmt") return "INSERT";
  if (k == "UpdateStmt") return "UPDATE";
  if (k == "DeleteStmt") return "DELETE";
  if (k == "SelectStmt") return "SELECT";
  if (k == "TruncateStmt") return "TRUNCATE";
  if (k == "LockStmt") return "LOCK TABLE";
  if (k == "CommentStmt") return "COMMENT ON";
  if (k == "CreateTrigStmt") return "CREATE TRIGGER";
  if (k == "AlterSeqStmt") return "ALTER SEQUENCE";
  if (k == "CreateSeqStmt") return "CREATE SEQUENCE";
  if (k == "RefreshMatViewStmt") return "REFRESH MATERIALIZED VIEW";
  if (k == "ReindexStmt") return "REINDEX";
  if (k == "ClusterStmt") return "CLUSTER";
  if (auto v = sql::as_vacuum(st)) return v->vacuum ? (v->full ? "VACUUM FULL" : "VACUUM") : "ANALYZE";
  // Anything else: its first word as written ("DO", "GRANT", …).
  std::string word;
  for (char c : st.text) {
    if (!std::isalpha(static_cast<unsigned char>(c))) break;
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return word.empty() ? std::string("statement") : word;
}

bool is_session_statement(const sql::Statement& st) {
  return st.is("VariableSetStmt") || st.is("VariableShowStmt") || st.is("TransactionStmt") ||
         st.is("DiscardStmt");
}

bool is_backfill(const sql::Statement& st) {
  if (st.is("UpdateStmt") || st.is("DeleteStmt")) return true;
  if (!st.is("InsertStmt")) return false;
  // INSERT … SELECT … FROM other: the lock model lists each table the statement reads (ACCESS
  // SHARE) besides its target; INSERT … VALUES reads none.
  std::string target = st.relation_name();
  for (const auto& l : sql::locks_of(st))
    if (l.relation != target && l.mode == sql::LockMode::AccessShare) return true;
  return false;
}

}  // namespace miglint::rules
