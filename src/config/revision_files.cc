// list_revision_files(): the files Alembic would load from the version locations; see
// revision_files.h. Bytecode-only revisions (sourceless = true) are reported, not returned.
#include "config/revision_files.h"

#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>

#include "config/paths.h"
#include "config/pyproject.h"
#include "config/settings.h"

namespace miglint::config {

std::optional<std::string_view> match_revision_file_name(std::string_view name, bool sourceless) {
  if (name.starts_with(".#") || name.starts_with("__init__")) return std::nullopt;
  // `.` does not match a newline, so such names never match (Alembic itself would crash on a
  // name ending in ".py\n", which `$` accepts; we do not imitate that).
  if (name.find('\n') != std::string_view::npos) return std::nullopt;
  if (name.ends_with(".py")) return std::string_view();
  if (sourceless && (name.ends_with(".pyc") || name.ends_with(".pyo"))) return name.substr(name.size() - 1);
  return std::nullopt;
}

namespace {

Diagnostic unreadable(const std::string& path, Severity severity, std::string message, std::string help = {}) {
  Diagnostic d = path_diagnostic(path, severity, std::move(message), std::move(help));
  d.rule = "unreadable-file";
  return d;
}

struct Entry {
  std::string name;
  bool is_dir = false;      // stat() says folder (follows symlinks, as os.walk's is_dir())
  bool is_symlink = false;  // os.walk does not descend into symlinked folders
};

bool list_dir(const std::string& dir, std::vector<Entry>& out, std::vector<Diagnostic>& diags) {
  DIR* d = opendir(dir.c_str());
  if (!d) {
    diags.push_back(unreadable(dir, Severity::Error, fmt::format("Cannot list {}: {}", dir, std::strerror(errno))));
    return false;
  }
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    Entry entry{name};
    // d_type answers without a syscall per file on every common filesystem; stat only links
    // and filesystems that do not fill it in.
    if (e->d_type == DT_REG) {
    } else if (e->d_type == DT_DIR) {
      entry.is_dir = true;
    } else {
      std::string path = join_path(dir, name);
      struct stat st, lst;
      entry.is_dir = stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
      entry.is_symlink = lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
    }
    out.push_back(std::move(entry));
  }
  closedir(d);
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return true;
}

std::string real_path(const std::string& path) {
  char buf[PATH_MAX];
  if (realpath(path.c_str(), buf)) return buf;
  return py_normpath(path);
}

std::string stem(std::string_view name) { return std::string(name.substr(0, name.find('.'))); }

class Lister {
 public:
  Lister(const Settings& s, std::vector<Diagnostic>& diags) : s_(s), diags_(diags) {}

  std::vector<std::string> run() {
    for (const std::string& location : s_.version_locations) {
      if (!path_exists(location)) continue;  // Alembic skips missing locations; discovery warned
      if (!is_dir(location)) {
        diags_.push_back(unreadable(location, Severity::Error,
                                    fmt::format("Version location {} is not a folder", location)));
        continue;
      }
      walk(location, location);
    }
    std::sort(files_.begin(), files_.end());
    return files_;
  }

 private:
  // One folder of os.walk (Alembic 1.10+ recursion) or the only one (Alembic 1.8).
  void walk(const std::string& location, const std::string& dir) {
    std::vector<Entry> entries;
    if (!list_dir(dir, entries, diags_)) return;
    bool top = dir == location;
    std::string name = dir.substr(dir.rfind('/') + 1);
    if (!name.ends_with("__pycache__")) {
      std::set<std::string> stems;
      for (const Entry& e : entries) {
        // 1.8 lists folders too (os.listdir); its walk (1.10+) only files.
        if (!e.is_dir || !s_.recursive_version_locations) stems.insert(stem(e.name));
        if (!e.is_dir) consider(dir, e.name, e.is_symlink);
        else if (top && !s_.recursive_version_locations && match_revision_file_name(e.name, s_.sourceless)) {
          diags_.push_back(unreadable(join_path(dir, e.name), Severity::Warning,
                                      fmt::format("{} is a folder named like a revision file; Alembic 1.8 fails "
                                                  "to load it", join_path(dir, e.name))));
        }
      }
      std::string cache = join_path(dir, "__pycache__");
      if (s_.sourceless && is_dir(cache)) {
        std::vector<Entry> cached;
        if (list_dir(cache, cached, diags_)) {
          for (const Entry& e : cached) {
            // Alembic 1.8 matches the name with its "__pycache__/" prefix.
            if (!stems.count(stem(e.name))) consider(dir, "__pycache__/" + e.name, true);
          }
        }
      }
    }
    if (!s_.recursive_version_locations) return;
    for (const Entry& e : entries) {
      if (e.is_dir && !e.is_symlink) walk(location, join_path(dir, e.name));
    }
  }

  // `maybe_link`: the file itself may be a symbolic link (or sits below a folder that may be),
  // so only realpath() can tell where it really is.
  void consider(const std::string& dir, const std::string& relative, bool maybe_link) {
    auto suffix = match_revision_file_name(relative, s_.sourceless);
    if (!suffix) return;
    std::string path = join_path(dir, relative);
    bool bytecode = !suffix->empty();
    if (bytecode) {
      // Prefer the .py, then the .pyc over the .pyo, as Script._from_filename does.
      std::string py = path.substr(0, path.size() - 1);
      if (path_exists(py) || (*suffix == "o" && path_exists(py + "c"))) return;
    }
    // realpath() of every file costs a readlink per path component; a plain file's real path is
    // its folder's real path plus its name, and the folder's is computed once.
    std::string real = maybe_link ? real_path(path) : join_path(real_dir(dir), relative);
    if (!seen_.insert(real).second) {
      diags_.push_back(path_diagnostic(path, Severity::Warning,
                                       fmt::format("{} is found twice in version_locations; Alembic loads it once",
                                                   real),
                                       "Make version_locations name each folder once"));
      return;
    }
    if (bytecode) {
      diags_.push_back(unreadable(path, Severity::Warning,
                                  fmt::format("Revision {} exists only as bytecode (sourceless = true); miglint "
                                              "cannot check it", path),
                                  "Keep the .py source next to it, or accept that this revision is not linted"));
      return;
    }
    files_.push_back(py_normpath(path));
  }

  const std::string& real_dir(const std::string& dir) {
    auto it = real_dirs_.find(dir);
    if (it == real_dirs_.end()) it = real_dirs_.emplace(dir, real_path(dir)).first;
    return it->second;
  }

  const Settings& s_;
  std::vector<Diagnostic>& diags_;
  std::map<std::string, std::string> real_dirs_;
  std::vector<std::string> files_;
  std::set<std::string> seen_;
};

}  // namespace

std::vector<std::string> list_revision_files(const Settings& settings, std::vector<Diagnostic>& diags) {
  return Lister(settings, diags).run();
}

}  // namespace miglint::config
