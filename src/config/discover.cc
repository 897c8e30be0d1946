// Finds the configuration (-c, ALEMBIC_CONFIG, or a walk up from the path) and turns it into
// Settings the way Alembic's Config + ScriptDirectory.from_config do (1.8; 1.16 for pyproject).
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <functional>

#include "config/ini.h"
#include "config/lint_settings.h"
#include "config/miglint_toml.h"
#include "config/paths.h"
#include "config/py_text.h"
#include "config/pyproject.h"
#include "config/revision_files.h"
#include "base/paths.h"
#include "config/settings.h"

namespace miglint::config {
namespace {

std::string dirname(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string basename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The first folder, from `start` up to the filesystem root, for which `accept` holds: the walk
// that finds the configuration, [tool.miglint] and miglint.toml alike.
std::optional<std::string> find_upward(const std::string& start, const std::function<bool(const std::string&)>& accept) {
  for (std::string dir = start;; dir = dirname(dir)) {
    if (accept(dir)) return dir;
    if (dir == "/") return std::nullopt;
  }
}

// configparser keeps `value  # note` whole; Alembic's own template has such a line
// (`version_path_separator = os  # Use os.pathsep...`), which Alembic then rejects.
std::string inline_comment_help(std::string_view value, std::string otherwise) {
  for (size_t i = 1; i < value.size(); ++i) {
    if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
      return fmt::format("configparser does not strip inline comments: the value is {}; move the comment to a "
                         "line of its own", py_repr(value));
    }
  }
  return otherwise;
}

// One value of the main section, wherever it came from, with a place to point diagnostics at.
struct Value {
  std::string text;
  std::vector<std::string> list;  // [tool.alembic] lists
  bool is_list = false;
  bool from_toml = false;
  SourceFilePtr file;
  Span span;
};

class Builder {
 public:
  Builder(const DiscoverOptions& options, Settings& out, std::vector<Diagnostic>& diags)
      : options_(options), out_(out), diags_(diags), cwd_(current_dir()) {}

  bool run() {
    std::string config = options_.config_file;
    const char* how = "-c/--config";
    if (config.empty()) {
      if (const char* env = std::getenv("ALEMBIC_CONFIG"); env && *env) {
        config = env;
        how = "ALEMBIC_CONFIG";
      }
    }
    if (!config.empty()) {
      std::string path = py_abspath(config, cwd_);
      if (is_dir(path)) {
        return fatal(path, fmt::format("Configuration file {} (from {}) is a folder", display_path(path), how),
                     "Name the alembic.ini or pyproject.toml itself, or pass the folder as the path");
      }
      if (!is_file(path)) {
        return fatal(path, fmt::format("Configuration file {} (from {}) does not exist", display_path(path), how),
                     "Check the path; relative paths are taken from the current directory");
      }
      if (basename(path) == "miglint.toml") {
        return fatal(path, fmt::format("{} (from {}) holds only miglint's own settings", display_path(path), how),
                     "Name the alembic.ini or pyproject.toml; miglint.toml is found by itself");
      }
      return basename(path) == "pyproject.toml" ? load_toml_only(path) : load_ini(path);
    }
    std::string start = options_.path.empty() ? cwd_ : py_abspath(options_.path, cwd_);
    if (!path_exists(start)) {
      return fatal(start, fmt::format("Path {} does not exist", display_path(start)));
    }
    if (!is_dir(start)) start = dirname(start);
    std::string found;
    std::vector<Diagnostic> skipped;  // why the first pyproject.toml that could not be read was skipped
    find_upward(start, [&](const std::string& dir) {
      if (std::string ini = join_path(dir, "alembic.ini"); is_file(ini)) {
        found = ini;
        return true;
      }
      std::string toml = join_path(dir, "pyproject.toml");
      if (!is_file(toml)) return false;
      std::vector<Diagnostic> ignored;  // a broken pyproject.toml that is not ours is not our concern
      Pyproject p;
      if (read_pyproject(toml, p, ignored) && p.has_tool_alembic) found = toml;
      else if (skipped.empty()) skipped = std::move(ignored);
      return !found.empty();
    });
    if (found.empty()) {
      if (load_bare(start)) return true;
      // ... unless nothing else is found: then it may well be the [tool.alembic] configuration,
      // and "no configuration" alone would hide the TOML error (file:line:col) that is the cause.
      diags_.insert(diags_.end() - 1, skipped.begin(), skipped.end());
      return false;
    }
    return basename(found) == "alembic.ini" ? load_ini(found) : load_toml_only(found);
  }

 private:
  bool fatal(const std::string& path, std::string message, std::string help = {}) {
    diags_.push_back(path_diagnostic(path, Severity::Error, std::move(message), std::move(help)));
    return false;
  }

  bool load_ini(const std::string& path) {
    out_.config_file = path;
    std::string error;
    SourceFilePtr file = read_source_file(path, &error);
    if (!file) return fatal(path, fmt::format("Cannot read {}: {}", path, error));
    config_dir_ = dirname(path);
    ini_ = IniFile::parse(file, {{"here", config_dir_}});
    for (const IniError& e : ini_->errors()) diags_.push_back(ini_->to_diagnostic(e));
    // Alembic 1.16 also reads pyproject.toml beside the ini; the ini wins key by key.
    std::string toml = join_path(config_dir_, "pyproject.toml");
    if (is_file(toml)) load_pyproject(toml);
    if (!ini_->has_section(options_.ini_section) && !(pyproject_ && pyproject_->has_tool_alembic)) {
      return fatal(path, fmt::format("{} has no [{}] section", path, options_.ini_section),
                   "Alembic reads script_location from this section (-n/--name selects another)");
    }
    return build();
  }

  bool load_toml_only(const std::string& path) {
    out_.config_file = path;
    config_dir_ = dirname(path);
    if (!load_pyproject(path)) return false;
    if (!pyproject_->has_tool_alembic) {
      return fatal(path, fmt::format("{} has no [tool.alembic] table", path),
                   "Add [tool.alembic] with script_location (Alembic 1.16 or later reads it)");
    }
    return build();
  }

  bool load_pyproject(const std::string& path) {
    Pyproject p;
    if (!read_pyproject(path, p, diags_)) return false;
    pyproject_ = std::move(p);
    return true;
  }

  // Alembic 1.16's get_alembic_option: the ini's main section (with DEFAULT) first, then TOML.
  std::optional<Value> get(std::string_view key) {
    if (ini_ && ini_->has_section(options_.ini_section)) {
      if (const IniOption* opt = ini_->find(options_.ini_section, key)) {
        std::optional<IniError> error;
        auto v = ini_->get(options_.ini_section, key, &error);
        if (error) {
          diags_.push_back(ini_->to_diagnostic(*error));
          return std::nullopt;
        }
        return Value{*v, {}, false, false, ini_->file(), opt->line ? opt->value_span : Span{}};
      }
    }
    if (pyproject_ && pyproject_->has_tool_alembic) {
      const AlembicToml& t = pyproject_->alembic;
      auto str = [&](const auto& v) { return Value{v->value, {}, false, true, pyproject_->file, v->span}; };
      auto list = [&](const auto& v) { return Value{{}, v->value, true, true, pyproject_->file, v->span}; };
      auto boolean = [&](const auto& v) {
        return Value{v->value ? "true" : "false", {}, false, true, pyproject_->file, v->span};
      };
      if (key == "script_location" && t.script_location) return str(t.script_location);
      if (key == "file_template" && t.file_template) return str(t.file_template);
      if (key == "version_locations" && t.version_locations) return list(t.version_locations);
      if (key == "prepend_sys_path" && t.prepend_sys_path) return list(t.prepend_sys_path);
      if (key == "sourceless" && t.sourceless) return boolean(t.sourceless);
      if (key == "recursive_version_locations" && t.recursive_version_locations) return boolean(t.recursive_version_locations);
    }
    return std::nullopt;
  }

  void report(const Value& v, Severity severity, std::string message, std::string help = {}) {
    diags_.push_back(config_diagnostic(v.file, v.span, severity, std::move(message), std::move(help)));
  }

  // version_path_separator (Alembic 1.8; items kept as written) or path_separator (1.16; items
  // stripped); nullopt: the legacy split.
  struct Separator {
    char c;
    bool strip;
  };
  std::optional<Separator> separator(bool for_sys_path) {
    for (const char* key : {"version_path_separator", "path_separator"}) {
      bool legacy_key = std::string_view(key) == "version_path_separator";
      if (for_sys_path && legacy_key) continue;  // 1.8 always splits prepend_sys_path the legacy way
      if (!ini_ || !ini_->has_section(options_.ini_section) || !ini_->find(options_.ini_section, key)) continue;
      auto v = get(key);
      if (!v) return std::nullopt;
      if (auto c = path_separator_char(v->text)) return Separator{*c, !legacy_key};
      report(*v, Severity::Error,
             fmt::format("{} is not a valid value for {}; expected 'space', 'newline', 'os', ':', ';'",
                         py_repr(v->text), key),
             inline_comment_help(v->text, "Alembic raises ValueError; miglint falls back to splitting on spaces and commas"));
      return std::nullopt;
    }
    return std::nullopt;
  }

  std::vector<std::string> split(const Value& v, bool for_sys_path) {
    if (v.is_list) return v.list;
    if (auto sep = separator(for_sys_path)) return split_on(v.text, sep->c, sep->strip);
    return split_legacy(v.text, for_sys_path);
  }

  bool build() {
    ResolveContext ctx{config_dir_, cwd_, {}};
    if (auto v = get("prepend_sys_path"); v && (v->is_list || !v->text.empty())) {
      for (const std::string& entry : split(*v, true)) {
        if (!entry.empty()) ctx.sys_path.push_back(py_abspath(entry, is_dir(py_abspath(entry, config_dir_)) ? config_dir_ : cwd_));
      }
    }
    std::optional<Value> script = get("script_location");
    if (!script && ini_ && is_file(join_path(config_dir_, "env.py")) && is_dir(join_path(config_dir_, "versions"))) {
      // Flask-Migrate (and similar wrappers) keep alembic.ini next to env.py and versions/ and
      // set script_location in code; plain Alembic stops here. Lint the folder the wrapper would
      // use, and say so.
      diags_.push_back(path_diagnostic(
          out_.config_file, Severity::Warning,
          fmt::format("No 'script_location' key in [{}] of {}; using its folder, which holds env.py and "
                      "versions/ (as Flask-Migrate configures it)",
                      options_.ini_section, display_path(out_.config_file)),
          "Plain `alembic` needs `script_location = %(here)s` in the ini; wrappers like Flask-Migrate set it in code"));
      diags_.back().rule = "config-error";
      script = Value{config_dir_, {}, false, false, nullptr, {}};
    }
    if (!script) {
      return fatal(out_.config_file,
                   fmt::format("No 'script_location' key found in [{}] of {}",
                               ini_ ? options_.ini_section : std::string("tool.alembic"), out_.config_file),
                   "Set script_location to the folder holding env.py and versions/");
    }
    if (script->text.empty()) {
      // Alembic takes "" as a path, which never exists ("Path doesn't exist: ''").
      report(*script, Severity::Error, "script_location is empty", "Set it to the folder holding env.py and versions/");
      return false;
    }
    std::string error;
    auto script_dir = resolve_location(script->text, ctx, &error);
    if (!script_dir) {
      report(*script, Severity::Error, error, "Alembic imports the package; miglint looks for its folder instead");
      return false;
    }
    if (!path_exists(*script_dir)) {
      report(*script, Severity::Error, fmt::format("script_location {} does not exist", *script_dir),
             inline_comment_help(script->text, fmt::format("Relative paths are looked up next to {} and then in the "
                                                           "current directory", out_.config_file)));
      return false;
    }
    out_.script_location = *script_dir;

    // An empty value, `version_locations = []` in [tool.alembic] included, is falsy to Alembic's
    // ScriptDirectory, which then uses <script_location>/versions (not no folder at all).
    if (auto v = get("version_locations"); v && (v->is_list ? !v->list.empty() : !v->text.empty())) {
      for (const std::string& entry : split(*v, false)) {
        if (entry.empty()) {
          report(*v, Severity::Warning, "version_locations has an empty entry, which Alembic reads as the current directory",
                 "Remove the stray comma or space");
        }
        auto dir = resolve_location(entry, ctx, &error);
        if (!dir) {
          report(*v, Severity::Error, error);
          continue;
        }
        if (!path_exists(*dir)) {
          std::string help = entry.find('\n') != std::string::npos
                                 ? "Alembic 1.8 does not split version_locations on newlines; list the folders on one "
                                   "line separated by spaces (or use path_separator = newline with Alembic 1.16+)"
                                 : inline_comment_help(v->text, {});
          report(*v, Severity::Warning, fmt::format("Version location {} does not exist; Alembic skips it", py_repr(*dir)),
                 help);
        }
        out_.version_locations.push_back(*dir);
      }
    } else {
      std::string versions = join_path(out_.script_location, "versions");
      if (!is_dir(versions)) {
        report(*script, Severity::Error, fmt::format("The versions folder {} does not exist", versions),
               "Create it, or list the folders holding revision files in version_locations");
      }
      out_.version_locations.push_back(versions);
    }
    if (auto v = get("file_template")) out_.file_template = v->text;
    if (auto v = get("sourceless")) out_.sourceless = v->text == "true";
    // Alembic 1.10+ (1.8 ignores the key; someone who writes it runs a newer Alembic).
    if (auto v = get("recursive_version_locations")) out_.recursive_version_locations = v->text == "true";
    load_lint_settings(dirname(config_dir_), config_dir_);  // the config folder's own pyproject is pyproject_
    return true;
  }

  // Lowest precedence first, each source overriding key by key (severity per rule, options per
  // option): [tool.miglint] from the pyproject.toml already read, else the nearest one from
  // `pyproject_from` up; [miglint] and [miglint.options.*] of the ini; the nearest miglint.toml
  // from `miglint_toml_from` up.
  void load_lint_settings(const std::string& pyproject_from, const std::string& miglint_toml_from) {
    LintSettings& lint = out_.lint;
    if (pyproject_ && pyproject_->has_tool_miglint) {
      lint = pyproject_->lint;
      lint.sources.push_back(pyproject_->file->path());
    } else {
      find_upward(pyproject_from, [&](const std::string& dir) {
        std::string toml = join_path(dir, "pyproject.toml");
        if (!is_file(toml)) return false;
        Pyproject p;
        std::vector<Diagnostic> d;
        if (!read_pyproject(toml, p, d) || !p.has_tool_miglint) return false;
        diags_.insert(diags_.end(), d.begin(), d.end());
        lint = p.lint;
        lint.sources.push_back(toml);
        return true;
      });
    }
    if (ini_ && read_lint_settings_ini(*ini_, lint, diags_)) lint.sources.push_back(out_.config_file);
    auto dir = find_upward(miglint_toml_from, [](const std::string& d) { return is_file(join_path(d, "miglint.toml")); });
    if (dir && read_miglint_toml(join_path(*dir, "miglint.toml"), lint, diags_)) {
      lint.sources.push_back(join_path(*dir, "miglint.toml"));
    }
  }

  bool load_bare(const std::string& dir) {
    // No configuration anywhere above: a script folder (versions/ inside) or a bare versions folder.
    out_.config_file.clear();
    std::string versions = join_path(dir, "versions");
    if (is_dir(versions)) {
      out_.script_location = dir;
      out_.version_locations = {versions};
      load_lint_settings(dir, dir);
      return true;
    }
    std::vector<Diagnostic> ignored;
    Settings probe;
    probe.version_locations = {dir};
    if (!list_revision_files(probe, ignored).empty()) {
      out_.script_location = dir;
      out_.version_locations = {dir};
      load_lint_settings(dir, dir);
      return true;
    }
    return fatal(dir,
                 fmt::format("No alembic.ini or pyproject.toml with [tool.alembic] in {} or any parent folder, and "
                             "it holds neither revision files (*.py) nor a versions/ folder", dir),
                 "Point miglint at the folder holding alembic.ini, or pass -c/--config");
  }

  const DiscoverOptions& options_;
  Settings& out_;
  std::vector<Diagnostic>& diags_;
  std::string cwd_;
  std::string config_dir_;
  std::optional<IniFile> ini_;
  std::optional<Pyproject> pyproject_;
};

}  // namespace

bool discover_settings(const DiscoverOptions& options, Settings& out, std::vector<Diagnostic>& diags) {
  out = Settings{};
  return Builder(options, out, diags).run();
}

}  // namespace miglint::config
