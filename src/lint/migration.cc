#include "lint/migration.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/analysis.h"
#include "lint/rule.h"
#include "sql/ddl.h"
#include "sql/json_read.h"
#include "sql/utility.h"

namespace miglint::lint {
namespace {

// "0", "0ms", "0 s": the value that switches a timeout off.
bool is_zero_duration(const std::string& value) {
  size_t i = 0;
  bool digit = false;
  while (i < value.size() && (value[i] == '0' || value[i] == '.')) {
    digit |= value[i] == '0';
    ++i;
  }
  if (!digit) return false;
  while (i < value.size() && value[i] == ' ') ++i;
  return i == value.size() || !(value[i] >= '1' && value[i] <= '9');
}

// The names a statement brings into existence, for created_before().
void created_names(const sql::Statement& st, std::vector<std::string>& out) {
  if (auto t = sql::as_create_table(st)) {
    out.push_back(relation_key(t->relation));
  } else if (auto a = sql::as_create_table_as(st)) {
    out.push_back(relation_key(a->relation));
  } else if (auto ix = sql::as_index(st)) {
    if (!ix->name.empty()) out.push_back(relation_key(sql::QualifiedName{ix->table.schema, ix->name}));
  } else if (st.is("CreateSeqStmt") || st.is("ViewStmt")) {
    if (auto r = st.relation()) out.push_back(relation_key(*r));
  }
}

// A relation renamed by `st` (ALTER TABLE/INDEX/VIEW/SEQUENCE … RENAME TO): its old and new keys.
std::optional<std::pair<std::string, std::string>> renamed_relation(const sql::Statement& st) {
  auto r = sql::as_rename(st);
  if (!r || !r->old_name.empty() || r->new_name.empty() || r->target.empty()) return std::nullopt;
  return std::pair{relation_key(r->target), relation_key(sql::QualifiedName{r->target.schema, r->new_name})};
}

}  // namespace

const std::optional<sql::AlterTableInfo>& MigrationStatement::alter_table() const {
  if (!alter_table_) alter_table_.emplace(sql::as_alter_table(statement()));
  return *alter_table_;
}

std::string relation_key(const sql::QualifiedName& name) {
  if (name.schema.empty() || name.schema == "public") return name.name;
  return name.schema + "." + name.name;
}

std::string relation_key(const std::string& dotted) {
  size_t dot = dotted.rfind('.');
  if (dot == std::string::npos) return dotted;
  return relation_key(sql::QualifiedName{dotted.substr(0, dot), dotted.substr(dot + 1)});
}

Migration::Migration(const alembic::Project& project, const alembic::Revision& revision,
                     alembic::Phase phase, const PhaseAnalysis& analysis, const SessionFacts& session)
    : project_(project), revision_(revision), phase_(phase), session_(session) {
  fully_static_ = analysis.fully_static();
  const auto& parsed = analysis.sql.statements;
  statements_.reserve(parsed.size());
  int transaction = 0;
  bool previous_in_transaction = true;
  for (size_t i = 0; i < parsed.size(); ++i) {
    const sql::RevisionStatement& rs = parsed[i];
    MigrationStatement m;
    m.source = &rs;
    m.lowered = rs.lowered_index < analysis.lowered.statements.size()
                    ? &analysis.lowered.statements[rs.lowered_index] : nullptr;
    m.index = i;
    m.locks = sql::locks_of(rs.statement, session.pg_major);
    // Alembic commits before an autocommit block and begins a new transaction after it.
    if (rs.in_transaction && !previous_in_transaction) ++transaction;
    m.transaction = rs.in_transaction ? transaction : -1;
    previous_in_transaction = rs.in_transaction;

    std::vector<std::string> names;
    created_names(rs.statement, names);
    // Renaming a relation the revision created keeps it new under its new name; renaming one
    // that existed before does not make it new.
    if (auto renamed = renamed_relation(rs.statement);
        renamed && std::any_of(created_.begin(), created_.end(),
                               [&](const Created& c) { return c.key == renamed->first; }))
      names.push_back(std::move(renamed->second));
    for (auto& n : names) created_.push_back({std::move(n), i});

    if (auto set = sql::as_variable_set(rs.statement)) {
      auto record = [&](std::vector<TimeoutSet>& into) {
        bool enabled = set->kind == sql::SetKind::Value && !is_zero_duration(set->value());
        into.push_back({i, set->local ? m.transaction : -2, enabled});
      };
      if (set->kind == sql::SetKind::ResetAll) {
        lock_timeouts_.push_back({i, -2, false});
        statement_timeouts_.push_back({i, -2, false});
      } else if (set->name == "lock_timeout") {
        record(lock_timeouts_);
      } else if (set->name == "statement_timeout") {
        record(statement_timeouts_);
      }
    }
    // A COMMIT or ROLLBACK written in the SQL ends the transaction it ran in.
    if (auto tx = sql::as_transaction(rs.statement);
        tx && (*tx == sql::TransactionKind::Commit || *tx == sql::TransactionKind::Rollback))
      ++transaction;
    statements_.push_back(std::move(m));
  }
}

bool Migration::created_before(const std::string& relation, size_t index) const {
  std::string key = relation_key(relation);
  return std::any_of(created_.begin(), created_.end(),
                     [&](const Created& c) { return c.index < index && c.key == key; });
}

bool Migration::created_before(const sql::QualifiedName& relation, size_t index) const {
  std::string key = relation_key(relation);
  return std::any_of(created_.begin(), created_.end(),
                     [&](const Created& c) { return c.index < index && c.key == key; });
}

bool Migration::in_force(const std::vector<TimeoutSet>& sets, bool session_default, size_t index) const {
  bool session_value = session_default;
  std::optional<bool> local_value;
  int current = index < statements_.size() ? statements_[index].transaction : -1;
  for (const TimeoutSet& s : sets) {
    if (s.index >= index) break;
    if (s.transaction == -2) {
      session_value = s.enabled;
      local_value.reset();
    } else if (s.transaction == current && current >= 0) {
      local_value = s.enabled;
    }
  }
  return local_value.value_or(session_value);
}

bool Migration::lock_timeout_in_force(size_t index) const {
  return in_force(lock_timeouts_, session_.lock_timeout, index);
}

bool Migration::statement_timeout_in_force(size_t index) const {
  return in_force(statement_timeouts_, session_.statement_timeout, index);
}

Location Migration::location(const MigrationStatement& s) const {
  return {revision_.file, s.source->file_span, {}};
}

Location Migration::location(const MigrationStatement& s, Span rel) const {
  if (!s.lowered) return location(s);
  const Span st = s.statement().span;
  Span sql_span{st.begin + rel.begin, std::min(st.begin + rel.end, st.end)};
  return {revision_.file, sql::map_to_file(*s.lowered, sql_span), {}};
}

const python::Node* Migration::op_call(const MigrationStatement& s) const {
  if (!s.lowered) return nullptr;
  const auto& fn = phase_ == alembic::Phase::Upgrade ? revision_.upgrade : revision_.downgrade;
  for (const auto& call : fn.calls)
    if (call.span == s.lowered->origin && call.node) return call.node;
  return nullptr;
}

const alembic::OpCall* Migration::evaluated_call(const MigrationStatement& s) const {
  if (!s.lowered) return nullptr;
  if (!program_) program_ = alembic::evaluate_ops(revision_, phase_);
  for (const auto& call : program_->calls)
    if (call.span == s.lowered->origin) return &call;
  return nullptr;
}

Diagnostic& Migration::report(RuleContext& ctx, const MigrationStatement& s, std::string message,
                              std::string help) const {
  Diagnostic& d = ctx.report(location(s), std::move(message), std::move(help));
  if (s.lowered) d.origin = s.lowered->origin;
  return d;
}

std::string describe_lock(const sql::LockInfo& lock, bool in_transaction) {
  std::string work;
  switch (lock.work) {
    case sql::Work::CatalogOnly: break;
    case sql::Work::Scan: work = " and scans it"; break;
    case sql::Work::Rewrite: work = " and rewrites it"; break;
  }
  return fmt::format("takes {} on \"{}\"{}: {} until {}", sql::lock_mode_name(lock.mode),
                     lock.relation.empty() ? "?" : lock.relation, work,
                     sql::blocks_description(lock.mode),
                     in_transaction ? "COMMIT" : "the statement finishes");
}

}  // namespace miglint::lint
