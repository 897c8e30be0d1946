// Applying suppression directives to findings, and reporting the directives that are wrong
// (invalid-suppression) or match nothing (unused-suppression).
#include "lint/suppressions.h"

#include <fmt/core.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "alembic/project.h"

namespace miglint::lint {
namespace {

constexpr std::string_view kNeverSuppressed[] = {
    "config-error", "invalid-suppression", "python-syntax-error", "unreadable-file", "unused-suppression",
};

bool is_group_name(std::string_view id) {
  for (int g = 0; g <= static_cast<int>(RuleGroup::Alembic); ++g)
    if (group_name(static_cast<RuleGroup>(g)) == id) return true;
  return false;
}

// The closest suppressible rule id within edit distance 2, or "".
std::string_view suggestion(std::string_view id, std::span<const RuleInfo> registry) {
  std::string_view best;
  size_t best_distance = 3;
  for (const RuleInfo& rule : registry) {
    if (!suppressible(rule.id)) continue;
    size_t d = edit_distance(id, rule.id, 2);
    if (d < best_distance) {
      best_distance = d;
      best = rule.id;
    }
  }
  return best;
}

// A directive's rule id the registry cannot honour becomes an invalid-suppression finding.
std::optional<Diagnostic> check_id(const SourceFilePtr& file, const SuppressedId& s,
                                   const std::function<bool(std::string_view)>& known,
                                   std::span<const RuleInfo> registry) {
  Diagnostic d;
  d.rule = "invalid-suppression";
  d.severity = Severity::Error;
  d.location = Location{file, s.span, {}};
  if (!suppressible(s.id)) {
    d.message = fmt::format("`{}` findings cannot be suppressed", s.id);
    d.help = s.id.ends_with("-suppression")
                 ? "remove or fix the suppression comment that this finding points at instead"
                 : "configuration problems, unreadable files and syntax errors are always reported: fix them "
                   "(a file that does not parse has no trustworthy comments)";
  } else if (s.id == "all") {
    d.message = "`all` is not supported in suppressions: name the rule ids";
    d.help = "write `# miglint: ignore[rule-id, other-id]`; a blanket suppression would also hide findings "
             "of rules added later";
  } else if (is_group_name(s.id)) {
    d.message = fmt::format("`{}` is a rule group; suppressions name rule ids", s.id);
    d.help = fmt::format("name the rules of the `{}` group that fire here (`miglint rules` lists them)", s.id);
  } else if (!known(s.id)) {
    d.message = fmt::format("Unknown rule id `{}` in suppression", s.id);
    std::string_view near = suggestion(s.id, registry);
    if (!near.empty()) {
      d.help = fmt::format("did you mean `{}`? (`miglint rules` lists every rule id)", near);
      // Unsafe: the corrected comment starts hiding findings it did not hide before.
      d.fix = Fix{fmt::format("Replace `{}` with `{}`", s.id, near), false, {Edit{s.span, std::string(near)}}};
    } else {
      d.help = "`miglint rules` lists every rule id";
    }
  } else {
    return std::nullopt;
  }
  return d;
}

struct FileState {
  SourceFilePtr file;
  FileSuppressions parsed;
  std::vector<std::vector<bool>> valid, used;  // per directive, per id
};

bool covers(const SuppressionDirective& d, uint32_t line) {
  return d.whole_file || (line >= d.first_line && line <= d.last_line);
}

// Marks every directive id that matches; true when one did.
bool match(FileState& state, const Diagnostic& diag) {
  const Location& loc = diag.location;
  std::optional<uint32_t> line, origin_line;
  if (loc.file) {
    line = loc.file->line_col(loc.span.begin).line;
    if (diag.origin) origin_line = loc.file->line_col(diag.origin->begin).line;
  }
  bool matched = false;
  for (size_t i = 0; i < state.parsed.directives.size(); ++i) {
    const SuppressionDirective& d = state.parsed.directives[i];
    bool here = d.whole_file || (line && covers(d, *line)) || (origin_line && covers(d, *origin_line));
    if (!here) continue;
    for (size_t k = 0; k < d.ids.size(); ++k) {
      if (!state.valid[i][k] || d.ids[k].id != diag.rule) continue;
      state.used[i][k] = true;
      matched = true;
    }
  }
  return matched;
}

// Deletes one id of a directive that keeps others: with the separator after it, or (for the
// last id) the one before it.
Span id_removal(const SuppressionDirective& d, size_t k) {
  if (k + 1 < d.ids.size()) return {d.ids[k].span.begin, d.ids[k + 1].span.begin};
  return {d.ids[k - 1].span.end, d.ids[k].span.end};
}

void report_unused(const FileState& state, const std::function<bool(std::string_view)>& enabled,
                   std::vector<Diagnostic>& out) {
  for (size_t i = 0; i < state.parsed.directives.size(); ++i) {
    const SuppressionDirective& d = state.parsed.directives[i];
    auto unused = [&](size_t k) { return state.valid[i][k] && !state.used[i][k] && enabled(d.ids[k].id); };
    bool all_unused = true;
    for (size_t k = 0; k < d.ids.size(); ++k) all_unused &= unused(k);
    for (size_t k = 0; k < d.ids.size(); ++k) {
      if (!unused(k)) continue;
      const std::string& id = d.ids[k].id;
      Diagnostic u;
      u.rule = "unused-suppression";
      u.severity = Severity::Warning;
      u.location = Location{state.file, d.ids[k].span, {}};
      const char* where = d.whole_file ? "in this file" : d.in_sql ? "in the SQL statement below" : "on this line or the next";
      u.message = fmt::format("Unused suppression: no `{}` finding {}", id, where);
      u.help = "remove it: a suppression that matches nothing would silently hide a future finding here";
      if (all_unused)
        u.fix = Fix{"Remove the unused suppression comment", true, {Edit{d.removal, ""}}};
      else
        u.fix = Fix{fmt::format("Remove `{}` from the suppression", id), true, {Edit{id_removal(d, k), ""}}};
      out.push_back(std::move(u));
    }
  }
}

}  // namespace

bool suppressible(std::string_view rule_id) {
  return std::find(std::begin(kNeverSuppressed), std::end(kNeverSuppressed), rule_id) == std::end(kNeverSuppressed);
}

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return std::min(row[b.size()], limit + 1);
}

SuppressionResult apply_suppressions(const alembic::Project& project, std::vector<Diagnostic>& diags,
                                     const std::function<bool(std::string_view)>& known,
                                     const std::function<bool(std::string_view)>& enabled,
                                     std::span<const RuleInfo> registry) {
  SuppressionResult result;
  std::vector<FileState> files;
  std::vector<Diagnostic> added;
  const bool report_invalid = enabled("invalid-suppression");
  for (const alembic::Revision& rev : project.revisions) {
    FileState state{rev.file, parse_suppressions(rev.file), {}, {}};
    if (state.parsed.directives.empty() && state.parsed.problems.empty()) continue;
    if (report_invalid)
      for (Diagnostic& p : state.parsed.problems) added.push_back(std::move(p));
    for (const SuppressionDirective& d : state.parsed.directives) {
      state.valid.emplace_back();
      state.used.emplace_back(d.ids.size(), false);
      for (const SuppressedId& s : d.ids) {
        std::optional<Diagnostic> problem = check_id(rev.file, s, known, registry);
        state.valid.back().push_back(!problem);
        if (problem && report_invalid) added.push_back(std::move(*problem));
      }
    }
    files.push_back(std::move(state));
  }
  if (files.empty()) return result;

  std::unordered_map<std::string_view, FileState*> by_path;
  for (FileState& f : files) by_path.emplace(f.file->path(), &f);
  auto suppressed = [&](const Diagnostic& d) {
    if (!suppressible(d.rule)) return false;
    auto it = by_path.find(d.location.raw_path());
    return it != by_path.end() && match(*it->second, d);
  };
  size_t before = diags.size();
  std::erase_if(diags, suppressed);
  result.suppressed = before - diags.size();

  if (enabled("unused-suppression"))
    for (const FileState& f : files) report_unused(f, enabled, added);
  for (Diagnostic& d : added) diags.push_back(std::move(d));
  return result;
}

}  // namespace miglint::lint
