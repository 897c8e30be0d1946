// Path helpers with Python's semantics; see paths.h.
#include "config/paths.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/py_text.h"

namespace miglint::config {

std::string py_normpath(std::string_view path) {
  if (path.empty()) return ".";
  int initial = path[0] == '/' ? 1 : 0;
  // POSIX allows a leading "//" to mean something else, so Python keeps exactly two.
  if (initial && path.size() > 1 && path[1] == '/' && !(path.size() > 2 && path[2] == '/')) initial = 2;
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view comp = path.substr(i, j - i);
    i = j + 1;
    if (comp.empty() || comp == ".") continue;
    if (comp != ".." || (!initial && parts.empty()) || (!parts.empty() && parts.back() == "..")) {
      parts.push_back(comp);
    } else if (!parts.empty()) {
      parts.pop_back();
    }
  }
  std::string out(initial, '/');
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += '/';
    out += parts[k];
  }
  return out.empty() ? "." : out;
}

std::string join_path(std::string_view dir, std::string_view name) {
  if (!name.empty() && name[0] == '/') return std::string(name);
  std::string out(dir);
  if (!out.empty() && out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string py_abspath(std::string_view path, std::string_view cwd) {
  if (!path.empty() && path[0] == '/') return py_normpath(path);
  return py_normpath(join_path(cwd, path));
}

std::string current_dir() {
  std::string buf(4096, '\0');
  while (!getcwd(buf.data(), buf.size())) {
    if (errno != ERANGE) return ".";
    buf.resize(buf.size() * 2);
  }
  return std::string(buf.c_str());
}

bool is_dir(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool path_exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::vector<std::string> split_legacy(std::string_view text, bool colon_too) {
  std::vector<std::string> out;
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ',') {
      ++i;
      while (i < text.size() && text[i] == ' ') ++i;
    } else if (c == ' ') {
      while (i < text.size() && text[i] == ' ') ++i;
    } else if (c == ':' && colon_too) {
      ++i;
    } else {
      current += c;
      ++i;
      continue;
    }
    out.push_back(std::move(current));
    current.clear();
  }
  out.push_back(std::move(current));
  return out;
}

std::optional<char> path_separator_char(std::string_view name) {
  if (name == "space") return ' ';
  if (name == "newline") return '\n';
  if (name == "os") return ':';  // os.pathsep on POSIX
  if (name == ":") return ':';
  if (name == ";") return ';';
  return std::nullopt;
}

std::vector<std::string> split_on(std::string_view text, char sep, bool strip) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find(sep, i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view item = text.substr(i, j - i);
    if (!item.empty()) out.emplace_back(strip ? py_strip(item) : item);
    i = j + 1;
  }
  return out;
}

std::optional<std::string> resolve_location(std::string_view value, const ResolveContext& ctx, std::string* error) {
  bool absolute = !value.empty() && value[0] == '/';
  if (!absolute && value.find(':') != std::string_view::npos) {
    // util.coerce_resource_to_filename: "pkg.sub:res/dir" -> importlib.resources.files("pkg.sub") / "res/dir".
    std::vector<std::string> tokens = split_on(value, ':', false);
    std::string package = tokens.empty() ? std::string() : tokens[0];
    std::string package_path = package;
    for (char& c : package_path) {
      if (c == '.') c = '/';
    }
    // miglint cannot import the package, so it looks where Python would find it: sys.path
    // entries it knows, the configuration's folder and the folders above it (a `src/` layout
    // keeps alembic.ini inside the package, whose parent is on sys.path), then the working
    // directory. A folder with __init__.py (a regular package) wins over a bare folder of the
    // same name found earlier, which is usually a checkout, not the package.
    std::vector<std::string> roots = ctx.sys_path;
    if (!ctx.config_dir.empty()) {
      std::string dir = ctx.config_dir;
      for (int up = 0; up < 4; ++up) {
        roots.push_back(dir);
        std::string parent = py_normpath(join_path(dir, ".."));
        if (parent == dir) break;
        dir = parent;
      }
    }
    roots.push_back(ctx.cwd);
    for (bool need_init : {true, false}) {
      for (const std::string& root : roots) {
        std::string dir = py_abspath(package_path, root);
        if (package.empty() || !is_dir(dir)) continue;
        if (need_init && !path_exists(join_path(dir, "__init__.py"))) continue;
        for (size_t k = 1; k < tokens.size(); ++k) dir = join_path(dir, tokens[k]);
        return py_normpath(dir);
      }
    }
    std::string searched;
    for (const std::string& root : roots) searched += (searched.empty() ? "" : ", ") + root;
    *error = fmt::format("Cannot find the package '{}' of '{}' (looked in {})", package, value, searched);
    return std::nullopt;
  }
  if (absolute) return py_normpath(value);
  if (!ctx.config_dir.empty()) {
    std::string candidate = py_abspath(value, ctx.config_dir);
    if (path_exists(candidate)) return candidate;
  }
  std::string from_cwd = py_abspath(value, ctx.cwd);
  if (path_exists(from_cwd) || ctx.config_dir.empty()) return from_cwd;
  return py_abspath(value, ctx.config_dir);  // neither exists: name the one next to the config
}

}  // namespace miglint::config
