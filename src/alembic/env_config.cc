// Reading env.py's context.configure(...) keywords statically (see env_config.h).
#include "alembic/env_config.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cctype>
#include <map>

#include "alembic/evaluate_module.h"
#include "alembic/evaluate_strings.h"
#include "base/paths.h"
#include "python/parser.h"

namespace miglint::alembic {

using python::Kind;
using python::Node;

namespace {

enum class Where { Offline, Online, Other };

struct ConfigureCall {
  Where where = Where::Other;
  const Node* call = nullptr;
  const Node* function = nullptr;  // the enclosing FunctionDef, or null at module level
};

void for_children(const Node* n, const std::function<void(const Node*)>& f) {
  for (const Node* c : {n->a, n->b, n->c})
    if (c) f(c);
  for (const python::NodeList* l : {&n->la, &n->lb, &n->lc, &n->ld, &n->le})
    for (const Node* c : *l)
      if (c) f(c);
}

void find_calls(const Node* n, const Node* function, const EvalEnv& env, std::vector<ConfigureCall>& out) {
  if (n->kind == Kind::FunctionDef || n->kind == Kind::AsyncFunctionDef) function = n;
  if (n->kind == Kind::Call && n->a->kind == Kind::Attribute && n->a->name == "configure" && n->a->a->kind == Kind::Name) {
    const std::string* dotted = env.imports.lookup(n->a->a->name);
    if (dotted && *dotted == "alembic.context") {
      ConfigureCall c;
      c.call = n;
      c.function = function;
      if (function && function->name.find("offline") != std::string_view::npos) c.where = Where::Offline;
      else if (function && function->name.find("online") != std::string_view::npos) c.where = Where::Online;
      out.push_back(c);
    }
  }
  for_children(n, [&](const Node* c) { find_calls(c, function, env, out); });
}

// Binds the straight-line assignments of `body` that run before the statement holding `call`.
void bind_before(const python::NodeList& body, const Node* call, EvalEnv& env) {
  for (const Node* s : body) {
    if (!s) continue;
    if (s->span.contains(call->span.begin)) {
      bind_before(s->la, call, env);
      if (s->kind == Kind::With || s->kind == Kind::If || s->kind == Kind::For) bind_before(s->lb, call, env);
      return;
    }
    if (s->kind == Kind::Assign)
      for (const Node* t : s->la) bind_target(t, eval_expr(s->a, env), env);
    if (s->kind == Kind::AnnAssign && s->c) bind_target(s->a, eval_expr(s->c, env), env);
  }
}

struct Option {
  const char* name;
  enum { Bool, Str, OptStr } type;
};
constexpr Option kOptions[] = {{"transaction_per_migration", Option::Bool},
                               {"version_table", Option::Str},
                               {"version_table_schema", Option::OptStr},
                               {"version_table_pk", Option::Bool},
                               {"include_schemas", Option::Bool}};

std::string python_text(const Value& v) { return value_repr(v); }

// Whether a string constant sets `name` (to something other than 0): "SET lock_timeout = '5s'",
// "SET LOCAL lock_timeout TO 5000", "-c lock_timeout=5s". Case-insensitive like SQL.
bool sets_setting(std::string_view text, std::string_view name) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t at = lower.find(name); at != std::string::npos; at = lower.find(name, at + 1)) {
    // Not a longer setting name (idle_in_transaction_session_timeout is not statement_timeout).
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(lower[at - 1])) || lower[at - 1] == '_')) continue;
    std::string_view before = std::string_view(lower).substr(0, at);
    bool set = before.find("set") != std::string_view::npos || before.find("-c") != std::string_view::npos;
    size_t v = at + name.size();
    while (v < lower.size() && (lower[v] == ' ' || lower[v] == '=' || lower[v] == '\'' || lower[v] == '"' )) ++v;
    if (lower.compare(v, 2, "to") == 0) {
      v += 2;
      while (v < lower.size() && (lower[v] == ' ' || lower[v] == '\'' || lower[v] == '"')) ++v;
    }
    bool zero = v < lower.size() && lower[v] == '0' && (v + 1 == lower.size() || !std::isdigit(static_cast<unsigned char>(lower[v + 1])));
    if (set && !zero) return true;
  }
  return false;
}

void find_timeouts(const Node* n, EnvConfig& cfg) {
  if (n->kind == Kind::Constant && n->const_kind() == python::ConstKind::Str) {
    if (!cfg.sets_lock_timeout && sets_setting(n->str, "lock_timeout")) cfg.sets_lock_timeout = n->span;
    if (!cfg.sets_statement_timeout && sets_setting(n->str, "statement_timeout")) cfg.sets_statement_timeout = n->span;
  }
  for_children(n, [&](const Node* c) { find_timeouts(c, cfg); });
}

}  // namespace

EnvConfig read_env_config_text(SourceFilePtr file, std::vector<Diagnostic>& diags, EnvMode mode) {
  EnvConfig cfg;
  cfg.env_exists = true;
  cfg.env_path = file->path();
  std::vector<Diagnostic> parse_diags;
  auto module = python::parse_module(file, parse_diags);
  for (auto& d : parse_diags) {
    // A syntax error in env.py is a configuration problem of the project, not of a revision.
    d.severity = Severity::Warning;
    d.rule = "config-error";
    d.message = "env.py: " + d.message;
    diags.push_back(std::move(d));
  }
  // An env.py that is not UTF-8 text (invalid UTF-8, a NUL byte, a UTF-16 BOM) has no tree at
  // all; the diagnostic above says why, and Alembic's defaults apply.
  if (!module->root) return cfg;
  ModuleScope scope = build_module_scope(*module);
  EvalEnv base;
  base.file = file.get();
  base.imports = scope.imports;
  base.globals = &scope.globals;
  base.module_functions = &scope.functions;
  std::vector<ConfigureCall> calls;
  find_calls(module->root, nullptr, base, calls);
  cfg.configure_calls = static_cast<int>(calls.size());
  find_timeouts(module->root, cfg);

  // Each call's value for each option (defaults where absent).
  std::map<std::string, std::map<Where, std::pair<ValuePtr, Span>>> seen;
  for (const ConfigureCall& c : calls) {
    EvalEnv env;
    env.file = file.get();
    env.imports = base.imports;
    env.globals = &scope.globals;
    env.module_functions = &scope.functions;
    if (c.function) {
      env.imports.add_imports(c.function->la);
      bind_before(c.function->la, c.call, env);
    }
    for (const Node* k : c.call->lb) {
      if (!(k->flags & Node::kHasName)) continue;
      for (const Option& o : kOptions) {
        if (k->name != o.name) continue;
        ValuePtr v = eval_expr(k->a, env);
        bool ok = (o.type == Option::Bool && truthiness(*v).has_value()) ||
                  (o.type != Option::Bool && v->kind == ValueKind::Str) ||
                  (o.type == Option::OptStr && v->kind == ValueKind::None);
        if (!ok) {
          std::string why = v->kind == ValueKind::Dynamic ? v->reason : fmt::format("`{}` is not a constant {}", short_source(*file, k->a),
                                                                                     o.type == Option::Bool ? "bool" : "str");
          Diagnostic d;
          d.rule = "config-error";
          d.severity = Severity::Warning;
          d.location.file = file;
          d.location.path = file->path();
          d.location.span = k->a->span;
          d.message = fmt::format("`{}` in env.py's context.configure() cannot be evaluated statically: {}; miglint uses the default",
                                  o.name, why);
          d.help = "assign a literal (or a module-level constant) so that miglint knows how Alembic runs the migrations";
          if (std::string_view(o.name).starts_with("version_table") && std::string_view(o.name) != "version_table_pk") {
            LineCol lc = file->line_col(k->a->span.begin);
            cfg.version_table_unknown = fmt::format("`{}={}` at {}:{}", o.name, short_source(*file, k->a),
                                                    display_path(file->path()), lc.line);
            d.help += "; or set version-table / version-table-schema in miglint's configuration, which `plan` "
                      "and `apply` need to find the version rows";
          }
          diags.push_back(std::move(d));
          continue;
        }
        seen[o.name][c.where] = {v, k->a->span};
      }
    }
  }

  bool has_offline = false, has_online = false;
  for (const auto& c : calls) has_offline |= c.where == Where::Offline, has_online |= c.where == Where::Online;
  // An option's value in the offline or online call as Python would print it; an absent keyword
  // counts as Alembic's default.
  auto text = [&](const Option& o, Where w) -> std::string {
    auto it = seen.find(o.name);
    if (it != seen.end() && it->second.count(w)) {
      const Value& v = *it->second.at(w).first;
      return o.type == Option::Bool ? (*truthiness(v) ? "True" : "False") : python_text(v);
    }
    std::string_view n = o.name;
    if (n == "version_table") return "'alembic_version'";
    if (n == "version_table_schema") return "None";
    return n == "version_table_pk" ? "True" : "False";
  };

  for (const Option& o : kOptions) {
    auto it = seen.find(o.name);
    if (it == seen.end()) continue;
    auto& by_where = it->second;
    const std::pair<ValuePtr, Span>* chosen = nullptr;
    for (Where w : {Where::Online, Where::Other, Where::Offline})
      if (!chosen && by_where.count(w)) chosen = &by_where[w];
    // Offline and online calls that disagree (an absent keyword counts as the default): record
    // it, and in offline mode (`alembic ... --sql` runs run_migrations_offline) take the offline
    // value, which is Alembic's default when the offline call omits the keyword.
    if (has_offline && has_online) {
      std::string off = text(o, Where::Offline), on = text(o, Where::Online);
      if (off != on) {
        cfg.differences.push_back({o.name, off, on});
        if (mode == EnvMode::Offline) chosen = by_where.count(Where::Offline) ? &by_where[Where::Offline] : nullptr;
      }
    }
    if (!chosen) continue;  // the default EnvConfig already holds
    const Value& v = *chosen->first;
    std::string name = o.name;
    if (name == "transaction_per_migration") cfg.transaction_per_migration = *truthiness(v), cfg.transaction_per_migration_span = chosen->second;
    if (name == "version_table_pk") cfg.version_table_pk = *truthiness(v);
    if (name == "include_schemas") cfg.include_schemas = *truthiness(v);
    if (name == "version_table") cfg.version_table = v.text, cfg.version_table_span = chosen->second;
    if (name == "version_table_schema") {
      if (v.kind == ValueKind::Str) cfg.version_table_schema = v.text;
      cfg.version_table_schema_span = chosen->second;
    }
  }
  return cfg;
}

EnvConfig read_env_config(const config::Settings& settings, std::vector<Diagnostic>& diags, EnvMode mode) {
  EnvConfig cfg;
  if (settings.script_location.empty()) return cfg;
  cfg.env_path = settings.script_location + "/env.py";
  struct stat st{};
  if (stat(cfg.env_path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return cfg;
  std::string error;
  SourceFilePtr file = read_source_file(cfg.env_path, &error);
  if (!file) {
    Diagnostic d;
    d.rule = "config-error";
    d.severity = Severity::Warning;
    d.location.path = cfg.env_path;
    d.message = fmt::format("cannot read env.py: {}; miglint assumes Alembic's defaults", error);
    diags.push_back(std::move(d));
    cfg.env_exists = true;
    return cfg;
  }
  EnvConfig out = read_env_config_text(file, diags, mode);
  const config::LintSettings& lint = settings.lint;
  if (lint.version_table) out.version_table = *lint.version_table;
  if (lint.version_table_schema)
    out.version_table_schema = lint.version_table_schema->empty() ? std::nullopt : lint.version_table_schema;
  if (lint.version_table || lint.version_table_schema) out.version_table_unknown.reset();
  return out;
}

}  // namespace miglint::alembic
