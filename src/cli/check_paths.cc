#include "cli/check_paths.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/core.h>

#include "base/paths.h"

namespace miglint::cli {

namespace fs = std::filesystem;

std::optional<std::vector<std::string>> file_scope(const std::vector<std::string>& paths) {
  if (paths.empty()) return std::nullopt;
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || fs::path(path).extension() != ".py") return std::nullopt;
    std::string shown = display_path(path);
    if (std::find(out.begin(), out.end(), shown) == out.end()) out.push_back(std::move(shown));
  }
  return out;
}

std::string check_paths_problem(const std::vector<std::string>& paths) {
  // The first PATH is checked by the project loader, which words it with the rest of discovery.
  for (size_t i = 1; i < paths.size(); ++i) {
    std::error_code ec;
    if (!fs::exists(paths[i], ec)) return fmt::format("error: `{}` does not exist", paths[i]);
  }
  return {};
}

std::vector<std::string> unlinted_files(const std::vector<std::string>& scope, const alembic::Project& project) {
  std::set<std::string> revision_files;
  for (const auto& revision : project.revisions)
    if (revision.file) revision_files.insert(revision.file->path());
  std::vector<std::string> out;
  for (const std::string& path : scope)
    if (!revision_files.count(path)) out.push_back(path);
  return out;
}

}  // namespace miglint::cli
