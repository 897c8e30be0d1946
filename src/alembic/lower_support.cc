// Argument lookup, failure recording and quoting shared by the lowering files.
#include "alembic/lower_support.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace miglint::alembic::lower {

void Ctx::fail(const Value* v, std::string_view why) {
  fail_at(v ? v->span : Span{}, why);
}

void Ctx::fail_at(Span s, std::string_view why) {
  if (failed) return;
  failed = true;
  span = s;
  std::string code = snippet(s);
  message = code.empty() ? std::string(why) : fmt::format("Cannot render `{}`: {}", code, why);
}

std::string Ctx::snippet(Span s) const {
  if (s.end <= s.begin || s.end > source.size()) return {};
  std::string out(source.substr(s.begin, s.size()));
  if (out.size() > 80) out = out.substr(0, 77) + "...";
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

namespace {
thread_local Style g_style;
}

std::string Style::placeholder(std::string_view name) const {
  if (paramstyle == "pyformat") return fmt::format("%({})s", name);
  if (paramstyle == "format") return "%s";
  if (paramstyle == "qmark") return "?";
  return fmt::format(":{}", name);
}

const Style& style() { return g_style; }
StyleScope::StyleScope(Style s) : saved_(g_style) { g_style = std::move(s); }
StyleScope::~StyleScope() { g_style = saved_; }

const Value* find_kw(const Kwargs& kw, std::string_view name) {
  for (const auto& [k, v] : kw)
    if (k == name) return v.get();
  return nullptr;
}

const Value* pos_or_kw(const std::vector<ValuePtr>& args, size_t i, const Kwargs& kw,
                       std::string_view name) {
  if (i < args.size()) return args[i].get();
  return find_kw(kw, name);
}

bool is_none(const Value* v) { return v == nullptr || v->kind == ValueKind::None; }

std::optional<bool> as_bool(const Value* v) {
  if (!v) return std::nullopt;
  if (v->kind == ValueKind::Bool) return v->boolean;
  if (v->kind == ValueKind::None) return false;
  if (v->kind == ValueKind::Int) return v->integer != 0;
  return std::nullopt;
}

std::string short_callee(const Value& v) {
  const std::string& c = v.callee;
  auto func = c.find("func.");
  if (func != std::string::npos && (func == 0 || c[func - 1] == '.'))
    return "func." + c.substr(func + 5);
  auto last = c.substr(c.rfind('.') == std::string::npos ? 0 : c.rfind('.') + 1);
  if (c.rfind("sqlalchemy.dialects.postgresql", 0) == 0) return "pg." + last;
  if (c.rfind("sqlalchemy", 0) == 0) return "sa." + last;
  if (c == "op.f" || c.ends_with(".op.f") || c == "batch_op.f") return "op.f";
  if (c == "op.inline_literal" || c.ends_with(".op.inline_literal")) return "op.inline_literal";
  if (c.rfind("textwrap.", 0) == 0) return c;
  return c;
}

bool is_sa(const Value& v, std::string_view name) {
  if (v.kind != ValueKind::Object) return false;
  std::string s = short_callee(v);
  return s.size() == name.size() + 3 && s.ends_with(name) &&
         (s.rfind("sa.", 0) == 0 || s.rfind("pg.", 0) == 0);
}

std::optional<std::string> as_name(const Value* v) {
  if (!v) return std::nullopt;
  if (v->kind == ValueKind::Str) return v->text;
  if (v->kind == ValueKind::Object && v->called && v->args.size() == 1 &&
      (short_callee(*v) == "op.f" || is_sa(*v, "conv")) && v->args[0]->kind == ValueKind::Str)
    return v->args[0]->text;
  return std::nullopt;
}

std::string format_table(std::string_view name, std::string_view schema) {
  if (schema.empty()) return quote_ident(name);
  // Alembic's quote_dotted: a dotted schema ("db.s") quotes each part.
  std::string out;
  size_t start = 0;
  while (true) {
    auto dot = schema.find('.', start);
    out += quote_ident(schema.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out + "." + quote_ident(name);
}

std::string quote_literal(std::string_view s) {
  std::string out = "'";
  for (char ch : s) {
    if (ch == '\'') out += "''";
    else if (ch == '%') out += style().double_percents() ? "%%" : "%";
    else if (ch == '\\') out += "\\\\";
    else out += ch;
  }
  return out + "'";
}

std::string process_text(std::string_view in, const std::vector<uint32_t>& map_in,
                         std::vector<uint32_t>* map_out,
                         const std::function<std::string(std::string_view)>& bind) {
  std::string out;
  bool mapped = map_in.size() == in.size() + 1;
  auto emit = [&](std::string_view s, size_t from) {
    out += s;
    if (map_out && mapped)
      for (size_t k = 0; k < s.size(); ++k) map_out->push_back(map_in[from]);
  };
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t i = 0; i < in.size();) {
    char c = in[i];
    if (c == '%') {
      emit(style().double_percents() ? "%%" : "%", i);
      ++i;
    } else if (c == '\\' && i + 1 < in.size() && in[i + 1] == ':') {
      emit(":", i + 1);
      i += 2;
    } else if (c == ':' && (i == 0 || (!word(in[i - 1]) && in[i - 1] != ':' && in[i - 1] != '\\')) &&
               i + 1 < in.size() && word(in[i + 1])) {
      // SQLAlchemy's bind regex (?<![:\w\\]):(\w+)(?!:)
      size_t j = i + 1;
      while (j < in.size() && word(in[j])) ++j;
      if (j < in.size() && in[j] == ':') {
        // (?!:) makes the greedy \w+ give back one character (a word character follows then);
        // a one-character name followed by ':' does not match at all.
        if (j - 1 == i + 1) {
          emit(in.substr(i, 1), i);
          ++i;
          continue;
        }
        --j;
      }
      std::string_view name = in.substr(i + 1, j - i - 1);
      std::string rendered = bind ? bind(name)
                             : style().literal_binds ? std::string("NULL")
                                                     : style().placeholder(name);
      emit(rendered, i);
      i = j;
    } else {
      emit(in.substr(i, 1), i);
      ++i;
    }
  }
  if (map_out && mapped) map_out->push_back(map_in[in.size()]);
  return out;
}

}  // namespace miglint::alembic::lower
