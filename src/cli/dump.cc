// `miglint dump`: the facts (JSON, or a short text form) or the canonical AST of revision
// files. Positions are CPython's: 1-based lines, 0-based UTF-8 byte columns.
#include "cli/dump.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "alembic/revision_facts.h"
#include "python/ast_dump.h"
#include "python/parser.h"

namespace miglint::cli {

namespace {

using nlohmann::ordered_json;

// CPython's col_offset ignores a UTF-8 BOM on the first line.
void put_pos(ordered_json& j, const SourceFile& f, Span s) {
  bool bom = f.text().compare(0, 3, "\xEF\xBB\xBF") == 0;
  LineCol b = f.line_col(s.begin), e = f.line_col(s.end);
  j["line"] = b.line;
  j["col"] = b.column - 1 - (bom && b.line == 1 ? 3 : 0);
  j["end_line"] = e.line;
  j["end_col"] = e.column - 1 - (bom && e.line == 1 ? 3 : 0);
}

ordered_json string_value(const SourceFile& f, const alembic::StringValue& v) {
  ordered_json j;
  j["value"] = v.value;
  put_pos(j, f, v.span);
  return j;
}

ordered_json variable(const SourceFile& f, const alembic::RevisionVariable& v) {
  ordered_json j;
  j["form"] = alembic::value_form_name(v.form);
  if (v.form == alembic::ValueForm::Absent) return j;
  ordered_json values = ordered_json::array();
  for (const auto& s : v.values) values.push_back(string_value(f, s));
  j["values"] = std::move(values);
  put_pos(j, f, v.span);
  return j;
}

ordered_json optional_value(const SourceFile& f, const std::optional<alembic::StringValue>& v) {
  return v ? string_value(f, *v) : ordered_json(nullptr);
}

ordered_json function(const SourceFile& f, const alembic::Function& fn) {
  ordered_json j;
  j["kind"] = alembic::body_kind_name(fn.kind);
  if (fn.kind == alembic::BodyKind::Absent) return j;
  put_pos(j, f, fn.def_span);
  ordered_json calls = ordered_json::array();
  for (const auto& c : fn.calls) {
    ordered_json cj;
    cj["callee"] = c.callee;
    put_pos(cj, f, c.span);
    cj["keywords"] = c.keywords;
    calls.push_back(std::move(cj));
  }
  j["calls"] = std::move(calls);
  return j;
}

std::string facts_json(const alembic::Revision& r, const std::vector<Diagnostic>& diags) {
  const SourceFile& f = *r.file;
  ordered_json j;
  j["path"] = f.path();
  j["revision"] = variable(f, r.revision);
  j["down_revision"] = variable(f, r.down_revision);
  j["branch_labels"] = variable(f, r.branch_labels);
  j["depends_on"] = variable(f, r.depends_on);
  ordered_json doc;
  doc["message"] = optional_value(f, r.doc.message);
  doc["revision_id"] = optional_value(f, r.doc.revision_id);
  doc["revises"] = optional_value(f, r.doc.revises);
  doc["create_date"] = optional_value(f, r.doc.create_date);
  j["doc"] = std::move(doc);
  j["upgrade"] = function(f, r.upgrade);
  j["downgrade"] = function(f, r.downgrade);
  ordered_json dj = ordered_json::array();
  for (const auto& d : diags) {
    ordered_json e;
    e["rule"] = d.rule;
    put_pos(e, f, d.location.span);
    e["message"] = d.message;
    dj.push_back(std::move(e));
  }
  j["diagnostics"] = std::move(dj);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string facts_text(const alembic::Revision& r, const std::vector<Diagnostic>& diags) {
  const SourceFile& f = *r.file;
  std::string out = fmt::format("{}\n", f.path());
  auto var = [&](const char* name, const alembic::RevisionVariable& v) {
    out += fmt::format("  {}: {}", name, alembic::value_form_name(v.form));
    for (const auto& s : v.values) out += fmt::format(" '{}'", s.value);
    out += '\n';
  };
  var("revision", r.revision);
  var("down_revision", r.down_revision);
  var("branch_labels", r.branch_labels);
  var("depends_on", r.depends_on);
  for (auto [name, fn] : {std::pair<const char*, const alembic::Function*>{"upgrade", &r.upgrade}, {"downgrade", &r.downgrade}}) {
    out += fmt::format("  {}: {} ({} calls)\n", name, alembic::body_kind_name(fn->kind), fn->calls.size());
    for (const auto& c : fn->calls) {
      LineCol lc = f.line_col(c.span.begin);
      out += fmt::format("    {}:{} {}\n", lc.line, lc.column, c.callee);
    }
  }
  for (const auto& d : diags) {
    LineCol lc = f.line_col(d.location.span.begin);
    out += fmt::format("  {}:{}: {}: {}\n", lc.line, lc.column, d.rule, d.message);
  }
  return out;
}

}  // namespace

int run_dump(const DumpOptions& options) {
  int status = 0;
  for (const std::string& path : options.files) {
    std::string error;
    SourceFilePtr file = read_source_file(path, &error);
    if (!file) {
      std::fprintf(stderr, "miglint: cannot read %s: %s\n", path.c_str(), error.c_str());
      status = 2;
      continue;
    }
    std::vector<Diagnostic> diags;
    std::shared_ptr<python::Module> module = python::parse_module(file, diags);
    std::string out;
    if (options.ast) {
      out = python::dump_ast(*module);
      // Several files: a line holding only the path separates them.
      if (options.files.size() > 1) out = fmt::format("== {}\n", path) + out;
    } else {
      alembic::Revision r = alembic::extract_revision(file, module, diags);
      out = options.format == "text" ? facts_text(r, diags) : facts_json(r, diags) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return status;
}

}  // namespace miglint::cli
