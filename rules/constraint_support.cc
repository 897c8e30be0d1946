#include "rules/constraint_support.h"

#include <algorithm>

#include <fmt/format.h>


namespace miglint::rules {

sql::LockInfo lock_on(const lint::MigrationStatement& s, const sql::QualifiedName& relation,
                      sql::LockMode fallback_mode, sql::Work at_least) {
  const std::string key = lint::relation_key(relation);
  sql::LockInfo lock{relation.str(), fallback_mode, at_least, {}};
  for (const auto& l : s.locks)
    if (lint::relation_key(l.relation) == key) lock = l;
  lock.work = std::max(lock.work, at_least);
  return lock;
}

std::string py_str(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string py_list(const std::vector<std::string>& items, std::string_view placeholder) {
  if (items.empty()) return std::string(placeholder);
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + py_str(items[i]);
  return out + "]";
}

std::string py_schema(const sql::QualifiedName& table) {
  return table.schema.empty() ? "" : ", schema=" + py_str(table.schema);
}

std::string label(const std::string& name) { return name.empty() ? "" : " " + name; }

}  // namespace miglint::rules
