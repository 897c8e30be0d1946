#include "lint/baseline.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "alembic/project.h"
#include "config/py_text.h"
#include "python/ast.h"

namespace miglint::lint {
namespace {

using python::Kind;
using python::Node;

bool contains(Span outer, Span inner) { return outer.begin <= inner.begin && inner.end <= outer.end; }

// The first string constant among a call's positional arguments, looking one call deep
// (`op.execute(sa.text("…"))`).
std::optional<std::string_view> first_string(const Node* call, int depth = 0) {
  if (!call || call->kind != Kind::Call) return std::nullopt;
  for (const Node* arg : call->la) {
    if (!arg) continue;
    if (arg->kind == Kind::Constant && arg->const_kind() == python::ConstKind::Str) return arg->str;
    if (depth == 0 && arg->kind == Kind::Call)
      if (auto inner = first_string(arg, depth + 1)) return inner;
  }
  return std::nullopt;
}

// Whitespace in SQL and Python is formatting; quote style too.
std::string squeeze(std::string_view text, bool python_quotes) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space && !python_quotes) out += ' ';
    space = false;
    out += python_quotes && c == '\'' ? '"' : c;
  }
  return out;
}

const alembic::Revision* revision_of(const alembic::Project& project, const Diagnostic& d) {
  if (!d.location.file) return nullptr;
  for (const alembic::Revision& r : project.revisions)
    if (r.file == d.location.file || (r.file && r.file->path() == d.location.file->path())) return &r;
  return nullptr;
}

// A baseline is JSON, which holds only UTF-8, but an operation key quotes the revision file,
// which may not be UTF-8 (its python-syntax-error is then a finding like any other). Each
// invalid byte becomes U+FFFD, in the entry written and in the one computed when matching, so
// the entry renders (nlohmann::json throws on invalid UTF-8) and still matches its finding.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    bool invalid = false;
    config::decode_utf8(text, i, &invalid);
    if (invalid) config::append_utf8(out, 0xFFFD);
    else out.append(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::string operation_key(const alembic::Project& project, const Diagnostic& d) {
  const alembic::Revision* revision = revision_of(project, d);
  if (!revision || !d.location.file) return {};
  Span where = d.origin.value_or(d.location.span);
  for (auto [function, phase] : {std::pair{&revision->upgrade, "upgrade"}, std::pair{&revision->downgrade, "downgrade"}}) {
    // Calls are ordered by (start, -end): the first one around the finding is the outermost.
    for (const alembic::CallSite& call : function->calls) {
      if (!contains(call.span, where)) continue;
      std::string key = std::string(phase) + " " + call.callee;
      if (auto arg = first_string(call.node)) key += " " + squeeze(*arg, false);
      return key;
    }
  }
  if (where.end <= where.begin) return {};
  return squeeze(d.location.file->slice(where), true);
}

std::optional<BaselineEntry> baseline_entry(const alembic::Project& project, const Diagnostic& d) {
  if (d.rule == "config-error" || d.rule == "unreadable-file") return std::nullopt;
  BaselineEntry e;
  e.rule = d.rule;
  if (const alembic::Revision* r = revision_of(project, d)) e.revision = valid_utf8(r->id());
  e.operation = valid_utf8(operation_key(project, d));
  e.message = valid_utf8(d.message);
  return e;
}

std::string render_baseline(std::vector<BaselineEntry> entries) {
  auto key = [](const BaselineEntry& e) { return std::tie(e.revision, e.rule, e.operation, e.message); };
  std::sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["entries"] = nlohmann::ordered_json::array();
  for (const BaselineEntry& e : entries)
    doc["entries"].push_back({{"rule", e.rule}, {"revision", e.revision}, {"operation", e.operation}, {"message", e.message}});
  // Paths and source text need not be UTF-8 (a Latin-1 file name, a comment): invalid bytes
  // become U+FFFD instead of nlohmann::json throwing type_error 316 (an abort).
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<std::vector<BaselineEntry>> parse_baseline(std::string_view text, std::string* error) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  if (!doc.contains("version") || doc["version"] != 1) {
    *error = "unsupported or missing \"version\" (expected 1)";
    return std::nullopt;
  }
  if (!doc.contains("entries") || !doc["entries"].is_array()) {
    *error = "\"entries\" must be an array";
    return std::nullopt;
  }
  std::vector<BaselineEntry> out;
  for (const auto& item : doc["entries"]) {
    auto text_of = [&](const char* name) -> std::optional<std::string> {
      if (!item.is_object() || !item.contains(name) || !item[name].is_string()) return std::nullopt;
      return item[name].get<std::string>();
    };
    auto rule = text_of("rule"), revision = text_of("revision"), operation = text_of("operation");
    if (!rule || !revision || !operation) {
      *error = "each entry needs string \"rule\", \"revision\" and \"operation\"";
      return std::nullopt;
    }
    out.push_back({*rule, *revision, *operation, text_of("message").value_or("")});
  }
  return out;
}

BaselineOutcome apply_baseline(const alembic::Project& project, std::vector<Diagnostic> found,
                               const std::vector<BaselineEntry>& baseline) {
  BaselineOutcome out;
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, size_t> remaining;  // how many findings each key may still absorb
  for (const BaselineEntry& e : baseline) ++remaining[Key{e.rule, e.revision, e.operation}];
  for (Diagnostic& d : found) {
    auto entry = baseline_entry(project, d);
    auto it = entry ? remaining.find(Key{entry->rule, entry->revision, entry->operation}) : remaining.end();
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      ++out.suppressed;
    } else {
      out.kept.push_back(std::move(d));
    }
  }
  for (const auto& [key, count] : remaining) out.stale += count;
  return out;
}

}  // namespace miglint::lint
