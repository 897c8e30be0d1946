// Readers for the statements declared in utility.h.
#include "sql/utility.h"

#include <array>

#include <fmt/format.h>

#include "sql/json_read.h"

namespace miglint::sql {

using namespace json_read;

std::optional<TransactionKind> as_transaction(const Statement& st) {
  if (!st.is("TransactionStmt")) return std::nullopt;
  static const std::array<std::pair<std::string_view, TransactionKind>, 10> kinds{{
      {"TRANS_STMT_BEGIN", TransactionKind::Begin},
      {"TRANS_STMT_START", TransactionKind::Start},
      {"TRANS_STMT_COMMIT", TransactionKind::Commit},
      {"TRANS_STMT_ROLLBACK", TransactionKind::Rollback},
      {"TRANS_STMT_SAVEPOINT", TransactionKind::Savepoint},
      {"TRANS_STMT_RELEASE", TransactionKind::Release},
      {"TRANS_STMT_ROLLBACK_TO", TransactionKind::RollbackTo},
      {"TRANS_STMT_PREPARE", TransactionKind::Prepare},
      {"TRANS_STMT_COMMIT_PREPARED", TransactionKind::CommitPrepared},
      {"TRANS_STMT_ROLLBACK_PREPARED", TransactionKind::RollbackPrepared},
  }};
  // TRANS_STMT_BEGIN is enumerator 0, but libpg_query prints enums even at their default.
  std::string k = get_string(body(st.node), "kind");
  for (const auto& [name, value] : kinds)
    if (k == name) return value;
  return TransactionKind::Unknown;
}

std::string VariableSetInfo::value() const { return fmt::format("{}", fmt::join(values, ", ")); }

std::optional<VariableSetInfo> as_variable_set(const Statement& st) {
  if (!st.is("VariableSetStmt")) return std::nullopt;
  const auto& b = body(st.node);
  VariableSetInfo info;
  std::string k = get_string(b, "kind");
  info.kind = k == "VAR_SET_VALUE"     ? SetKind::Value
              : k == "VAR_SET_DEFAULT" ? SetKind::Default
              : k == "VAR_SET_CURRENT" ? SetKind::Current
              : k == "VAR_SET_MULTI"   ? SetKind::Multi
              : k == "VAR_RESET"       ? SetKind::Reset
              : k == "VAR_RESET_ALL"   ? SetKind::ResetAll
                                       : SetKind::Unknown;
  info.name = get_string(b, "name");
  info.local = get_bool(b, "is_local");
  for (const auto& arg : list(b, "args"))
    if (auto text = constant_text(arg)) info.values.push_back(*text);
  return info;
}

std::optional<RefreshMatViewInfo> as_refresh_matview(const Statement& st) {
  if (!st.is("RefreshMatViewStmt")) return std::nullopt;
  const auto& b = body(st.node);
  return RefreshMatViewInfo{range_var_name(field(b, "relation")), get_bool(b, "concurrent"),
                            get_bool(b, "skipData")};
}

namespace {

// Options given as DefElem nodes (VACUUM (FULL), REINDEX (CONCURRENTLY)) → their names.
std::vector<std::string> def_elem_names(const nlohmann::json& items) {
  std::vector<std::string> out;
  for (const auto& item : items)
    if (auto name = get_string(body_if(item, "DefElem"), "defname"); !name.empty())
      out.push_back(name);
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

}  // namespace

std::optional<ReindexInfo> as_reindex(const Statement& st) {
  if (!st.is("ReindexStmt")) return std::nullopt;
  const auto& b = body(st.node);
  ReindexInfo info;
  std::string k = get_string(b, "kind");
  using T = ReindexInfo::Target;
  info.target = k == "REINDEX_OBJECT_INDEX"      ? T::Index
                : k == "REINDEX_OBJECT_TABLE"    ? T::Table
                : k == "REINDEX_OBJECT_SCHEMA"   ? T::Schema
                : k == "REINDEX_OBJECT_SYSTEM"   ? T::System
                : k == "REINDEX_OBJECT_DATABASE" ? T::Database
                                                 : T::Unknown;
  info.relation = range_var_name(field(b, "relation"));
  info.name = get_string(b, "name");
  // PG15 spells both REINDEX … CONCURRENTLY and REINDEX (CONCURRENTLY) as a param.
  info.concurrent = contains(def_elem_names(list(b, "params")), "concurrently");
  return info;
}

std::optional<VacuumInfo> as_vacuum(const Statement& st) {
  if (!st.is("VacuumStmt")) return std::nullopt;
  const auto& b = body(st.node);
  VacuumInfo info;
  info.vacuum = get_bool(b, "is_vacuumcmd");
  info.options = def_elem_names(list(b, "options"));
  info.full = contains(info.options, "full");
  info.analyze = !info.vacuum || contains(info.options, "analyze");
  info.relations = st.relations();
  return info;
}

std::optional<ClusterInfo> as_cluster(const Statement& st) {
  if (!st.is("ClusterStmt")) return std::nullopt;
  const auto& b = body(st.node);
  return ClusterInfo{range_var_name(field(b, "relation")), get_string(b, "indexname")};
}

std::optional<LockTableInfo> as_lock_table(const Statement& st) {
  if (!st.is("LockStmt")) return std::nullopt;
  static const char* const modes[] = {"",
                                      "ACCESS SHARE",
                                      "ROW SHARE",
                                      "ROW EXCLUSIVE",
                                      "SHARE UPDATE EXCLUSIVE",
                                      "SHARE",
                                      "SHARE ROW EXCLUSIVE",
                                      "EXCLUSIVE",
                                      "ACCESS EXCLUSIVE"};
  const auto& b = body(st.node);
  LockTableInfo info;
  info.relations = st.relations();
  info.mode = static_cast<int>(get_int(b, "mode"));
  if (info.mode >= 1 && info.mode <= 8) info.mode_name = modes[info.mode];
  info.nowait = get_bool(b, "nowait");
  return info;
}

std::optional<TruncateInfo> as_truncate(const Statement& st) {
  if (!st.is("TruncateStmt")) return std::nullopt;
  const auto& b = body(st.node);
  return TruncateInfo{st.relations(), get_string(b, "behavior") == "DROP_CASCADE",
                      get_bool(b, "restart_seqs")};
}

std::optional<DoInfo> as_do(const Statement& st) {
  if (!st.is("DoStmt")) return std::nullopt;
  DoInfo info;
  for (const auto& arg : list(body(st.node), "args")) {
    const auto& d = body_if(arg, "DefElem");
    std::string name = get_string(d, "defname");
    if (name == "as") info.body = string_value(field(d, "arg"));
    if (name == "language") info.language = string_value(field(d, "arg"));
  }
  return info;
}

}  // namespace miglint::sql
