#include "exec/lock_trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "sql/locks.h"

namespace miglint::exec {
namespace {

// Modes compare by strength: LockMode's order is PostgreSQL's, weakest first.
int mode_rank(const std::string& mode) {
  auto m = sql::lock_mode_from_pg_locks_name(mode);
  return m ? static_cast<int>(*m) : -1;
}

struct Relation {
  std::string name;
  char kind = 'r';
  std::string filenode;  // "" for relations without storage
};

using Oid = std::string;  // as text: only compared and passed back

std::map<Oid, Relation> user_relations(Connection& c) {
  std::map<Oid, Relation> out;
  ExecResult r = c.exec(
      "SELECT c.oid, c.oid::regclass::text, c.relkind, coalesce(pg_relation_filenode(c.oid)::text, '') "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'");
  for (const auto& row : r.rows)
    out[row[0].value_or("")] = Relation{row[1].value_or(""), row[2].value_or("r").front(), row[3].value_or("")};
  return out;
}

// (relation oid -> modes) this backend holds, granted.
std::map<Oid, std::set<std::string>> held_locks(Connection& c) {
  std::map<Oid, std::set<std::string>> out;
  ExecResult r = c.exec(
      "SELECT relation::text, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted");
  for (const auto& row : r.rows) out[row[0].value_or("")].insert(row[1].value_or(""));
  return out;
}

std::string filenode(Connection& c, const Oid& oid) {
  ExecResult r = c.exec_params("SELECT coalesce(pg_relation_filenode($1::oid)::text, '')", {oid});
  return r.ok() && !r.rows.empty() ? r.rows[0][0].value_or("") : "";
}

std::string lock_label(const std::string& pg_mode) {
  auto m = sql::lock_mode_from_pg_locks_name(pg_mode);
  return m ? std::string(sql::lock_mode_name(*m)) : pg_mode;
}

}  // namespace

TraceResult trace_plan(Connection& connection, const Plan& plan,
                       const std::function<void(const TracedStatement&)>& on_statement) {
  TraceResult out;
  std::map<Oid, Relation> existing;                    // when the current transaction began
  std::map<Oid, std::set<std::string>> held;           // by the transaction before the statement
  std::map<std::string, Oid> predicted_oid;            // the statement's predicted names, resolved before it
  std::map<Oid, std::string> filenode_before;
  bool statement_in_transaction = false;

  ExecuteHooks hooks;
  hooks.before_statement = [&](std::size_t i, std::size_t k) {
    const PlanStatement& s = plan.steps[i].statements[k];
    if (!connection.in_transaction()) {
      existing = user_relations(connection);
      held.clear();
    }
    statement_in_transaction = connection.in_transaction() || (s.bookkeeping && s.sql == "BEGIN");
    predicted_oid.clear();
    filenode_before.clear();
    for (const auto& l : s.locks) {
      if (l.relation.empty()) continue;
      ExecResult r = connection.exec_params("SELECT to_regclass($1)::oid::text", {l.relation});
      if (r.ok() && !r.rows.empty() && r.rows[0][0]) {
        predicted_oid[l.relation] = *r.rows[0][0];
        filenode_before[*r.rows[0][0]] = filenode(connection, *r.rows[0][0]);
      }
    }
  };
  hooks.after_statement = [&](std::size_t i, std::size_t k) -> std::optional<std::string> {
    const PlanStatement& s = plan.steps[i].statements[k];
    if (s.bookkeeping) {
      held = connection.in_transaction() ? held_locks(connection) : decltype(held){};
      return std::nullopt;
    }
    TracedStatement t;
    t.step = i;
    t.statement = k;
    t.sql = s.sql;
    t.predicted = s.locks;
    if (!statement_in_transaction || !connection.in_transaction()) {
      t.observed = false;
      out.statements.push_back(std::move(t));
      if (on_statement) on_statement(out.statements.back());
      return std::nullopt;
    }
    auto now = held_locks(connection);
    // Newly granted modes per relation.
    std::map<Oid, std::string> strongest_new;
    for (const auto& [oid, modes] : now)
      for (const auto& m : modes)
        if (!held.count(oid) || !held.at(oid).count(m))
          if (!strongest_new.count(oid) || mode_rank(m) > mode_rank(strongest_new[oid])) strongest_new[oid] = m;

    std::set<Oid> named;
    std::map<Oid, std::string> filenode_after;  // read once per named relation
    auto after_of = [&](const Oid& oid) -> const std::string& {
      auto it = filenode_after.find(oid);
      if (it == filenode_after.end()) it = filenode_after.emplace(oid, filenode(connection, oid)).first;
      return it->second;
    };
    for (const auto& l : s.locks) {
      auto it = predicted_oid.find(l.relation);
      if (it == predicted_oid.end() || !existing.count(it->second)) continue;  // new in this transaction
      const Oid& oid = it->second;
      named.insert(oid);
      std::string want(sql::lock_mode_pg_locks_name(l.mode));
      auto got = strongest_new.find(oid);
      if (got == strongest_new.end()) {
        if (held.count(oid) && held.at(oid).count(want)) t.already_held.push_back(l.relation);
        else t.differences.push_back(fmt::format("{}: model {}, PostgreSQL took no new lock", l.relation, lock_label(want)));
      } else if (got->second != want) {
        t.differences.push_back(
            fmt::format("{}: model {}, PostgreSQL {}", l.relation, lock_label(want), lock_label(got->second)));
      }
      // Rewrites, for tables and materialized views that still exist. TRUNCATE gives the table
      // a new, empty file: new storage, but not a rewrite of its rows.
      const Relation& rel = existing.at(oid);
      const std::string& after = after_of(oid);
      if ((rel.kind == 'r' || rel.kind == 'm') && !after.empty() && !filenode_before[oid].empty() &&
          l.why != "TRUNCATE") {
        bool rewrote = after != filenode_before[oid];
        if (rewrote != (l.work == sql::Work::Rewrite))
          t.differences.push_back(fmt::format("{}: model {}, PostgreSQL {} it", l.relation, sql::work_name(l.work),
                                              rewrote ? "rewrote" : "did not rewrite"));
      }
    }
    for (const auto& [oid, mode] : strongest_new) {
      auto rel = existing.find(oid);
      if (rel == existing.end()) continue;
      ObservedLock o{rel->second.name, mode, rel->second.kind, false};
      if (named.count(oid)) {
        const std::string& after = after_of(oid);
        o.rewritten = !after.empty() && !filenode_before[oid].empty() && after != filenode_before[oid];
      }
      t.locks.push_back(o);
      if (named.count(oid) || rel->second.kind == 'i' || mode == "AccessShareLock") continue;
      t.differences.push_back(
          fmt::format("PostgreSQL also takes {} on {}, not in the model", lock_label(mode), rel->second.name));
    }
    held = std::move(now);
    out.statements.push_back(std::move(t));
    if (on_statement) on_statement(out.statements.back());
    return std::nullopt;
  };
  out.execution = execute_plan(connection, plan, hooks);
  return out;
}

}  // namespace miglint::exec
