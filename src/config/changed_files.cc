#include "config/changed_files.h"

#include <string_view>

#include <fmt/core.h>

#include "config/git.h"

namespace miglint::config {
namespace {

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// Splits `-z` output into its NUL-terminated fields.
std::vector<std::string> nul_fields(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<ChangedFiles> changed_since(const std::string& dir, const std::string& ref,
                                          std::vector<Diagnostic>& diags) {
  ChangedFiles out;
  std::vector<Diagnostic> problems;
  auto root = run_git(dir, {"rev-parse", "--show-toplevel"}, problems);
  if (!root) {
    // Say what is wrong in the user's terms: git's "not a git repository" is the usual reason.
    for (Diagnostic& d : problems) {
      if (d.message.find("not a git repository") != std::string::npos)
        d = git_problem(fmt::format("`--since` needs a git repository, and {} is not in one", dir),
                        "run miglint inside a clone, or drop `--since` to check every revision");
      diags.push_back(std::move(d));
    }
    return std::nullopt;
  }
  out.root = trim_newline(*root);

  std::vector<Diagnostic> ignored;
  if (!run_git(out.root, {"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"}, ignored)) {
    diags.push_back(git_problem(fmt::format("Unknown git revision `{}` given to `--since`", ref),
                                "name a branch, tag or commit of this repository (e.g. `origin/main`; "
                                "in CI, fetch it first)"));
    return std::nullopt;
  }
  auto base = run_git(out.root, {"merge-base", "--end-of-options", ref, "HEAD"}, problems);
  if (!base) {
    diags.push_back(git_problem(fmt::format("`{}` and HEAD have no common ancestor", ref),
                                "fetch enough history for both (a shallow clone may lack the merge base)"));
    return std::nullopt;
  }
  out.base = trim_newline(*base);

  auto diff = run_git(out.root, {"-c", "core.quotepath=off", "diff", "--name-status", "-M", "-z", "--no-color",
                                 "--no-ext-diff", out.base, "--"},
                      diags);
  if (!diff) return std::nullopt;
  std::vector<std::string> fields = nul_fields(*diff);
  for (size_t i = 0; i < fields.size();) {
    const std::string& status = fields[i++];
    if (status.empty()) continue;
    char kind = status[0];
    if (kind == 'R' || kind == 'C') {
      if (i + 1 >= fields.size()) break;
      std::string from = fields[i], to = fields[i + 1];
      i += 2;
      // A copy is a new file (its source still exists as it was); a rename keeps its history.
      out.files.push_back({out.root + "/" + to, kind == 'R' ? from : std::string()});
      continue;
    }
    if (i >= fields.size()) break;
    std::string path = fields[i++];
    if (kind == 'D') continue;
    out.files.push_back({out.root + "/" + path, kind == 'A' ? std::string() : path});
  }

  auto untracked = run_git(out.root, {"-c", "core.quotepath=off", "ls-files", "--others", "--exclude-standard", "-z"}, diags);
  if (!untracked) return std::nullopt;
  for (std::string& path : nul_fields(*untracked))
    if (!path.empty()) out.files.push_back({out.root + "/" + path, {}});
  return out;
}

std::optional<std::string> file_at(const std::string& root, const std::string& commit, const std::string& path,
                                   std::vector<Diagnostic>& diags) {
  return run_git(root, {"show", commit + ":" + path}, diags);
}

}  // namespace miglint::config
