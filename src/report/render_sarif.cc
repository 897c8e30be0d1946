// SARIF 2.1.0 (OASIS), in the subset GitHub code scanning reads: docs/output.md#sarif.
#include <map>

#include <nlohmann/json.hpp>

#include "report/render.h"

namespace miglint::report {
namespace {

using nlohmann::json;

std::string level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
    case Severity::Off: return "none";
  }
  return "error";
}

// "<configuration>" and the like name no file, so they get no physical location.
bool names_a_file(const Location& loc) { return loc.file || (!loc.path.empty() && loc.path.front() != '<'); }

// Relative paths are resolved against %SRCROOT% (the repository root, where miglint runs in CI);
// a file outside it gets an absolute file: URI.
json artifact(const Location& loc) {
  std::string path = loc.display_path();
  if (!path.empty() && path.front() == '/') return {{"uri", file_uri(path)}};
  return {{"uri", uri_path(path)}, {"uriBaseId", "%SRCROOT%"}};
}

// 1-based lines; columns in Unicode code points (run.columnKind), endColumn just past the span.
json region(const SourceFile& file, Span span) {
  LineCol start = file.line_col_chars(span.begin);
  LineCol end = file.line_col_chars(span.end);
  return {{"startLine", start.line}, {"startColumn", start.column}, {"endLine", end.line}, {"endColumn", end.column}};
}

json physical(const Location& loc) {
  json p = {{"artifactLocation", artifact(loc)}};
  if (loc.file) p["region"] = region(*loc.file, loc.span);
  return p;
}

std::string message_text(const Diagnostic& d) {
  std::string text = d.message;
  if (!d.help.empty()) text += "\n\nhelp: " + d.help;
  // Notes with a place become related locations; the others stay in the text.
  for (const Note& n : d.notes)
    if (!n.location || !names_a_file(*n.location)) text += "\nnote: " + n.message;
  return text;
}

json fix_json(const Diagnostic& d) {
  json replacements = json::array();
  for (const Edit& e : d.fix->edits)
    replacements.push_back({{"deletedRegion", region(*d.location.file, e.span)},
                            {"insertedContent", {{"text", e.replacement}}}});
  std::string title = d.fix->title + (d.fix->safe ? "" : " (unsafe: review before applying)");
  return {{"description", {{"text", title}}},
          {"artifactChanges", json::array({{{"artifactLocation", artifact(d.location)}, {"replacements", replacements}}})},
          {"properties", {{"safe", d.fix->safe}}}};
}

json rule_json(const CiOptions& ci, const std::string& id) {
  const RuleDoc* doc = nullptr;
  for (const RuleDoc& r : ci.rules)
    if (r.id == id) doc = &r;
  json j = {{"id", id},
            {"shortDescription", {{"text", doc ? doc->summary : id}}},
            {"helpUri", rule_doc_url(ci, id)},
            {"defaultConfiguration", {{"level", level(doc ? doc->default_severity : Severity::Error)}}}};
  if (doc && !doc->group.empty()) j["properties"] = {{"tags", json::array({doc->group})}};
  return j;
}

}  // namespace

std::string render_sarif(const std::vector<Diagnostic>& diagnostics, const CiOptions& ci) {
  // Rules in order of first appearance; results refer to them by index.
  std::map<std::string, size_t> index;
  json rules = json::array();
  for (const Diagnostic& d : diagnostics) {
    if (index.count(d.rule)) continue;
    index[d.rule] = rules.size();
    rules.push_back(rule_json(ci, d.rule));
  }

  std::vector<std::string> prints = fingerprints(diagnostics);
  json results = json::array();
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    json r = {{"ruleId", d.rule},
              {"ruleIndex", index[d.rule]},
              {"level", level(d.severity)},
              {"message", {{"text", message_text(d)}}},
              {"partialFingerprints", {{"miglintFindingHash/v1", prints[i]}}}};
    r["locations"] = json::array();
    if (names_a_file(d.location)) r["locations"].push_back({{"physicalLocation", physical(d.location)}});
    json related = json::array();
    for (const Note& n : d.notes) {
      if (!n.location || !names_a_file(*n.location)) continue;
      related.push_back({{"id", related.size() + 1},
                         {"physicalLocation", physical(*n.location)},
                         {"message", {{"text", n.message}}}});
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    // A fix needs the file's text to place its edits.
    if (d.fix && d.location.file && !d.fix->edits.empty()) r["fixes"] = json::array({fix_json(d)});
    results.push_back(std::move(r));
  }

  json driver = {{"name", "miglint"},
                 {"version", MIGLINT_VERSION},
                 {"semanticVersion", MIGLINT_VERSION},
                 {"informationUri", ci.docs_url + "README.md"},
                 {"rules", std::move(rules)}};
  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", json::array({std::move(run)})}};
  // Paths and source text need not be UTF-8 (a Latin-1 file name, a comment): invalid bytes
  // become U+FFFD instead of nlohmann::json throwing type_error 316 (an abort).
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace miglint::report
