#include "rules/timeout_findings.h"

#include <cctype>

#include <fmt/format.h>

#include "alembic/revision.h"
#include "lint/python_edits.h"

namespace miglint::rules {

std::vector<std::vector<UncoveredLock>> uncovered_locks(const lint::Migration& m, LockPredicate risky,
                                                        CoveredPredicate covered) {
  std::vector<std::vector<UncoveredLock>> groups;
  if (!m.fully_static()) return groups;
  int open = -2;  // the transaction of the last group; autocommit statements never share one
  for (const auto& s : m.statements()) {
    if ((m.*covered)(s.index)) continue;
    for (const auto& lock : s.locks) {
      // A lock on a relation the statement does not name (a DO block) cannot be placed, and
      // a relation created earlier in the revision has nobody queued on it.
      if (lock.relation.empty() || !risky(lock) || m.created_before(lock.relation, s.index)) continue;
      if (s.transaction < 0 || s.transaction != open) groups.emplace_back();
      open = s.transaction;
      groups.back().push_back({&s, lock});
      break;
    }
  }
  return groups;
}

bool plain_setting_value(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != ' ') return false;
  return true;
}

std::optional<Fix> timeout_fix(const lint::Migration& m, std::string_view setting, std::string_view value) {
  if (m.statements().empty() || !plain_setting_value(value)) return std::nullopt;
  const python::Node* first = m.op_call(m.statements().front());
  if (!first) return std::nullopt;
  bool one_transaction = true;
  for (const auto& s : m.statements()) one_transaction &= s.transaction == 0;
  std::string code = fmt::format("op.execute(\"SET {}{} = '{}'\")", one_transaction ? "LOCAL " : "",
                                 setting, value);
  auto edit = lint::insert_statement_before(*m.revision().file, *first, code);
  if (!edit) return std::nullopt;
  return Fix{fmt::format("Set {} at the top of {}()", setting,
                         m.phase() == alembic::Phase::Upgrade ? "upgrade" : "downgrade"),
             false, {*edit}};
}

}  // namespace miglint::rules
