// Machine-readable output; the schema is documented in docs/output.md.
#include <nlohmann/json.hpp>

#include "report/render.h"

namespace miglint::report {
namespace {

nlohmann::json position(const SourceFile& file, uint32_t offset) {
  LineCol lc = file.line_col_chars(offset);
  return {{"line", lc.line}, {"column", lc.column}, {"offset", offset}};
}

nlohmann::json location(const Location& loc) {
  nlohmann::json j = {{"path", loc.display_path()}};
  if (loc.file) {
    j["start"] = position(*loc.file, loc.span.begin);
    j["end"] = position(*loc.file, loc.span.end);
  } else {
    j["start"] = nullptr;
    j["end"] = nullptr;
  }
  return j;
}

}  // namespace

std::string render_json(const std::vector<Diagnostic>& diagnostics, const Summary& summary) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::json j = location(d.location);
    j["rule"] = d.rule;
    j["severity"] = severity_name(d.severity);
    j["message"] = d.message;
    j["help"] = d.help.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.help);
    j["url"] = rule_doc_path(d.rule);
    nlohmann::json notes = nlohmann::json::array();
    for (const Note& n : d.notes) {
      nlohmann::json nj = n.location ? location(*n.location) : nlohmann::json::object();
      nj["message"] = n.message;
      notes.push_back(std::move(nj));
    }
    j["notes"] = std::move(notes);
    if (d.fix) {
      nlohmann::json edits = nlohmann::json::array();
      // Edits are in the finding's file; positions as for `start`/`end` (1-based, plus offset).
      for (const Edit& e : d.fix->edits) {
        nlohmann::json start = nullptr, end = nullptr;
        if (d.location.file) {
          start = position(*d.location.file, e.span.begin);
          end = position(*d.location.file, e.span.end);
        }
        edits.push_back({{"start", std::move(start)}, {"end", std::move(end)}, {"replacement", e.replacement}});
      }
      j["fix"] = {{"title", d.fix->title}, {"safe", d.fix->safe}, {"edits", std::move(edits)}};
    } else {
      j["fix"] = nullptr;
    }
    list.push_back(std::move(j));
  }
  Counts c = count(diagnostics);
  nlohmann::json doc = {
      {"version", MIGLINT_VERSION},
      {"summary", {{"files", summary.files}, {"errors", c.errors}, {"warnings", c.warnings}, {"infos", c.infos}}},
      {"diagnostics", std::move(list)},
  };
  // Paths and source text need not be UTF-8 (a Latin-1 file name, a comment): invalid bytes
  // become U+FFFD instead of nlohmann::json throwing type_error 316 (an abort).
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace miglint::report
