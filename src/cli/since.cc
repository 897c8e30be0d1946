#include "cli/since.h"

#include <filesystem>
#include <map>

#include "alembic/revision_facts.h"
#include "config/changed_files.h"

namespace miglint::cli {
namespace {

namespace fs = std::filesystem;

// Revision files are named by their display path and git by the repository's real path, so
// both are compared in one form: absolute, with symlinks resolved.
std::string canonical(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return p.empty() ? path : p.string();
}

// Where to ask git: the versions folder is inside the repository even when alembic.ini is not.
std::string git_dir(const alembic::Project& project) {
  const auto& s = project.settings;
  if (!s.version_locations.empty()) return s.version_locations.front();
  if (!s.script_location.empty()) return s.script_location;
  return ".";
}

}  // namespace

bool prepare_since(const std::string& ref, alembic::Project& project, std::vector<std::string>& scope,
                   std::vector<Diagnostic>& problems) {
  std::string dir = git_dir(project);
  if (!fs::is_directory(dir)) dir = fs::path(dir).parent_path().string();
  auto changed = config::changed_since(dir, ref, problems);
  if (!changed) return false;

  std::map<std::string, const config::ChangedFile*> by_path;
  for (const auto& f : changed->files) by_path[canonical(f.path)] = &f;

  alembic::SinceBase since;
  since.ref = ref;
  since.commit = changed->base;
  scope.clear();
  for (const alembic::Revision& revision : project.revisions) {
    if (!revision.file) continue;
    auto it = by_path.find(canonical(revision.file->path()));
    if (it == by_path.end()) continue;
    scope.push_back(revision.file->path());
    const config::ChangedFile& file = *it->second;
    if (file.base_path.empty()) continue;
    // The old text is only compared, never reported at; git failing here (a file that was a
    // symlink or a submodule at the base) leaves that revision without a comparison.
    std::vector<Diagnostic> ignored;
    auto text = config::file_at(changed->root, changed->base, file.base_path, ignored);
    if (!text) continue;
    auto source = std::make_shared<SourceFile>(changed->base.substr(0, 12) + ":" + file.base_path, std::move(*text));
    since.revisions.push_back({revision.file->path(), alembic::load_revision(source, ignored)});
  }
  project.since = std::move(since);
  return true;
}

}  // namespace miglint::cli
