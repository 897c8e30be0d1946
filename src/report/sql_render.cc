// Building and rendering the `miglint sql` script (see sql_render.h). The shape follows
// alembic/runtime/migration.py: run_migrations (per-step transaction, CREATE TABLE when no
// version row exists yet, "-- Running" comment, the migration, HeadMaintainer, DROP TABLE when
// no row is left), begin_transaction and autocommit_block in offline mode.
#include "report/sql_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sql/revision_sql.h"
#include "sql/sql_text.h"

namespace miglint::report {
namespace {

// DefaultImpl._exec offline: str(compiled).replace("\t", "    ").strip().
std::string as_alembic_prints(std::string_view sql) {
  std::string out;
  for (char c : sql) {
    if (c == '\t')
      out += "    ";
    else
      out += c;
  }
  // Python's str.strip() on ASCII: whitespace and the separators \x1c-\x1f (non-ASCII Unicode
  // spaces at the ends of a statement are left alone).
  auto is_space = [](char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1f);
  };
  std::size_t b = 0, e = out.size();
  while (b < e && is_space(out[b])) ++b;
  while (e > b && is_space(out[e - 1])) --e;
  return out.substr(b, e - b);
}

class Builder {
 public:
  explicit Builder(SqlScript& s) : s_(s) {}
  void bookkeeping(std::string text, std::string revision = {}) {
    SqlItem it;
    it.text = std::move(text);
    it.revision = std::move(revision);
    it.bookkeeping = true;
    s_.items.push_back(std::move(it));
  }
  void comment(std::string text, std::string revision = {}) {
    SqlItem it;
    it.kind = SqlItem::Kind::Comment;
    it.text = "-- " + text;
    it.revision = std::move(revision);
    s_.items.push_back(std::move(it));
  }
  void statement(const alembic::Revision& rev, const alembic::LoweredStatement& l) {
    SqlItem it;
    it.text = as_alembic_prints(l.sql);
    it.revision = rev.id();
    it.origin = Location{rev.file, l.origin, {}};
    it.in_transaction = l.in_transaction;
    s_.items.push_back(std::move(it));
  }

 private:
  SqlScript& s_;
};

}  // namespace

SqlScript build_sql_script(const alembic::Project& project, const alembic::MigrationPath& path,
                           const alembic::SqlEnvSettings& env, const StatementSource& source) {
  SqlScript script;
  Builder b(script);
  const bool per_migration = env.transaction_per_migration;
  if (!per_migration) b.bookkeeping("BEGIN");
  for (const auto& step : path.steps) {
    const auto& node = project.graph.nodes()[step.node];
    const alembic::Revision& rev = project.revisions[node.revision];
    if (per_migration) b.bookkeeping("BEGIN");
    if (step.create_version_table) b.bookkeeping(alembic::create_version_table_sql(env));
    b.comment("Running " + step.short_log(), node.id);

    alembic::LoweredProgram program =
        source(rev, step.upgrade ? alembic::Phase::Upgrade : alembic::Phase::Downgrade);
    for (auto& d : program.diagnostics) script.diagnostics.push_back(std::move(d));
    if (!program.fully_static) {
      script.not_static.push_back(node.id);
      b.comment(fmt::format("miglint: {} of revision {} is not fully static: statements that "
                            "could not be analysed are missing here",
                            step.upgrade ? "upgrade()" : "downgrade()", node.id),
                node.id);
    }
    // sql-syntax-error at the exact place in the file; the statement is still printed, as
    // Alembic would print it.
    auto parsed = sql::parse_revision_sql(rev, program.statements);
    for (auto& d : parsed.diagnostics) script.diagnostics.push_back(std::move(d));

    bool in_autocommit = false;
    for (const auto& l : program.statements) {
      if (!l.in_transaction && !in_autocommit) b.bookkeeping("COMMIT");  // entering the block
      if (l.in_transaction && in_autocommit) b.bookkeeping("BEGIN");     // leaving it
      in_autocommit = !l.in_transaction;
      b.statement(rev, l);
    }
    if (in_autocommit) b.bookkeeping("BEGIN");

    for (const auto& change : step.changes)
      b.bookkeeping(alembic::version_change_sql(env, change), node.id);
    if (per_migration) b.bookkeeping("COMMIT");
  }
  if (path.drop_version_table) b.bookkeeping(alembic::drop_version_table_sql(env));
  if (!per_migration) b.bookkeeping("COMMIT");
  return script;
}

std::string render_sql_text(const SqlScript& script) {
  std::string out;
  for (const auto& it : script.items) {
    out += it.text;
    out += it.kind == SqlItem::Kind::Statement ? ";\n\n" : "\n\n";
  }
  return out;
}

std::string render_sql_normalized(const SqlScript& script) {
  std::string out;
  for (const auto& it : script.items) {
    if (it.kind != SqlItem::Kind::Statement) continue;
    sql::ParseResult parsed = sql::parse_sql(it.text);
    if (parsed.error) {
      std::string flat = it.text;
      for (char& c : flat)
        if (c == '\n' || c == '\r') c = ' ';
      out += "-- syntax error: " + flat + "\n";
      continue;
    }
    for (const auto& st : parsed.statements) out += st.normalized() + "\n";
  }
  return out;
}

std::string render_sql_json(const SqlScript& script, const alembic::MigrationPath& path,
                            bool downgrade) {
  nlohmann::ordered_json doc;
  doc["direction"] = downgrade ? "downgrade" : "upgrade";
  doc["start_heads"] = path.start_heads;
  doc["end_heads"] = path.end_heads;
  auto steps = nlohmann::ordered_json::array();
  for (const auto& it : script.items) {
    if (it.kind == SqlItem::Kind::Comment) {
      if (it.text.starts_with("-- Running "))
        steps.push_back({{"revision", it.revision}, {"log", it.text.substr(11)}});
      continue;
    }
  }
  doc["steps"] = steps;
  auto statements = nlohmann::ordered_json::array();
  for (const auto& it : script.items) {
    if (it.kind != SqlItem::Kind::Statement) continue;
    nlohmann::ordered_json s;
    s["sql"] = it.text;
    s["revision"] = it.revision.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(it.revision);
    s["bookkeeping"] = it.bookkeeping;
    s["in_transaction"] = it.in_transaction;
    if (it.origin && it.origin->file) {
      LineCol lc = it.origin->file->line_col(it.origin->span.begin);
      s["path"] = it.origin->display_path();
      s["line"] = lc.line;
      s["column"] = lc.column;
    }
    statements.push_back(std::move(s));
  }
  doc["statements"] = statements;
  doc["not_static"] = script.not_static;
  // Paths and source text need not be UTF-8 (a Latin-1 file name, a comment): invalid bytes
  // become U+FFFD instead of nlohmann::json throwing type_error 316 (an abort).
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace miglint::report
