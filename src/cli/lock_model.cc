#include "cli/lock_model.h"

#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sql/locks.h"
#include "sql/sql_text.h"

namespace miglint::cli {

int run_lock_model(const std::string& file, int pg_major) {
  std::string text;
  if (file == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "miglint: {}: cannot read file\n", file);
      return 2;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  sql::ParseResult parsed = sql::parse_sql(text);
  if (!parsed.ok()) {
    fmt::print(stderr, "miglint: {}: {}\n", file == "-" ? "<stdin>" : file, parsed.error->message);
    return 1;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const sql::Statement& st : parsed.statements) {
    nlohmann::json locks = nlohmann::json::array();
    for (const sql::LockInfo& l : sql::locks_of(st, pg_major))
      locks.push_back({{"relation", l.relation}, {"mode", sql::lock_mode_name(l.mode)},
                       {"pg_locks_mode", sql::lock_mode_pg_locks_name(l.mode)},
                       {"work", sql::work_name(l.work)}, {"why", l.why}});
    out.push_back({{"sql", st.text}, {"kind", st.kind()}, {"locks", std::move(locks)}});
  }
  fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));  // SQL text need not be UTF-8
  return 0;
}

}  // namespace miglint::cli
