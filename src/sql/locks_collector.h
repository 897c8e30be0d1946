// Shared by the lock table's source files (locks.cc, locks_statements.cc): gathering one
// LockInfo per relation, and the part of the table that is not ALTER TABLE.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sql/locks.h"

namespace miglint::sql::locks_detail {

// One entry per relation, keeping the strongest mode and the longest work, since PostgreSQL
// holds a relation's strongest lock until the end of the transaction.
class Collector {
 public:
  void add(const std::string& relation, LockMode mode, Work work, std::string why) {
    for (auto& l : locks_) {
      if (l.relation != relation) continue;
      // The clause that decides the mode or work is named first.
      bool stronger = mode > l.mode || (mode == l.mode && work > l.work);
      l.why = stronger ? why + "; " + l.why : l.why + "; " + why;
      if (mode > l.mode) l.mode = mode;
      if (work > l.work) l.work = work;
      return;
    }
    locks_.push_back(LockInfo{relation, mode, work, std::move(why)});
  }
  std::vector<LockInfo> take() { return std::move(locks_); }

 private:
  std::vector<LockInfo> locks_;
};

inline LockInfo unknown_lock(const Statement& st) {
  return LockInfo{st.relation_name(), LockMode::AccessExclusive, Work::CatalogOnly,
                  fmt::format("{} is not in miglint's lock table (assumed ACCESS EXCLUSIVE)",
                              st.kind())};
}

// Locks of every statement kind but ALTER TABLE (locks_statements.cc); nullopt for kinds
// the table does not know.
std::optional<std::vector<LockInfo>> statement_locks(const Statement& st, int pg_major);

}  // namespace miglint::sql::locks_detail
