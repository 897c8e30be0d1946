// String values: the byte-mapped builder, textwrap.dedent (CPython 3.11) and the folded str
// methods; formatting (format specs, `%`, str.format) is in evaluate_format.cc.
#include "alembic/evaluate_strings.h"

#include <fmt/format.h>

#include <cmath>

namespace miglint::alembic {

void StrBuilder::append(const Value& str) { append(str, 0, str.text.size()); }

bool StrBuilder::room_for(size_t n) {
  if (too_large_ || text_.size() + n > kMaxFoldedText) too_large_ = true;
  return !too_large_;
}

void StrBuilder::append(const Value& str, size_t begin, size_t end) {
  if (!room_for(end - begin)) return;
  text_.append(str.text, begin, end - begin);
  for (size_t i = begin; i < end; ++i) source_.push_back(str.source_offset(i));
}

void StrBuilder::append(std::string_view text, uint32_t at) {
  if (!room_for(text.size())) return;
  text_ += text;
  source_.insert(source_.end(), text.size(), at);
}

ValuePtr StrBuilder::finish(Span span, const python::Node* node, uint32_t end_offset) {
  if (too_large_)
    return make_dynamic(fmt::format("the string it builds is longer than {} MiB", kMaxFoldedText >> 20), span, node);
  source_.push_back(end_offset);
  return make_str(std::move(text_), std::move(source_), span, node);
}

ValuePtr make_str(std::string text, std::vector<uint32_t> source, Span span, const python::Node* node) {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::Str;
  v->text = std::move(text);
  v->text_source = std::move(source);
  v->span = span;
  v->node = node;
  return v;
}

ValuePtr make_dynamic(std::string reason, Span span, const python::Node* node) {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::Dynamic;
  v->reason = std::move(reason);
  v->span = span;
  v->node = node;
  return v;
}

std::optional<std::string> py_str(const Value& v) {
  switch (v.kind) {
    case ValueKind::Str: return v.text;
    case ValueKind::None: case ValueKind::Bool: case ValueKind::Int: case ValueKind::Float:
    case ValueKind::Tuple: case ValueKind::List: case ValueKind::Dict: case ValueKind::Bytes:
      if (find_dynamic(v)) return std::nullopt;
      for (const auto& i : v.items)
        if (i->kind == ValueKind::Object) return std::nullopt;
      return value_repr(v);
    default: return std::nullopt;
  }
}

ValuePtr py_dedent(const Value& s, Span span, const python::Node* node) {
  // textwrap.dedent (3.11): blank out whitespace-only lines, find the longest common leading
  // [ \t]* of lines with content, remove it from the start of every line.
  const std::string& t = s.text;
  struct Line { size_t begin, end; bool blank; size_t indent; };
  std::vector<Line> lines;
  for (size_t b = 0; b <= t.size();) {
    size_t e = t.find('\n', b);
    if (e == std::string::npos) e = t.size();
    size_t k = b;
    while (k < e && (t[k] == ' ' || t[k] == '\t')) ++k;
    lines.push_back({b, e, k == e, k - b});
    if (e == t.size()) break;
    b = e + 1;
  }
  std::optional<std::string> margin;
  for (const Line& l : lines) {
    if (l.blank) continue;
    std::string indent = t.substr(l.begin, l.indent);
    if (!margin) {
      margin = indent;
    } else if (indent.compare(0, margin->size(), *margin) == 0 && indent.size() >= margin->size()) {
    } else if (margin->compare(0, indent.size(), indent) == 0 && margin->size() >= indent.size()) {
      margin = indent;
    } else {
      size_t i = 0;
      while (i < margin->size() && i < indent.size() && (*margin)[i] == indent[i]) ++i;
      margin = margin->substr(0, i);
    }
  }
  size_t cut = margin ? margin->size() : 0;
  StrBuilder out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (!l.blank) out.append(s, l.begin + cut, l.end);
    // whitespace-only lines keep nothing but their newline
    if (l.end < t.size()) out.append(s, l.end, l.end + 1);
  }
  return out.finish(span, node, s.source_offset(t.size()));
}

ValuePtr py_str_method(const Value& s, std::string_view method, const std::vector<ValuePtr>& args,
                       Span span, const python::Node* node) {
  const std::string& t = s.text;
  auto arg_str = [&](size_t i) -> const Value* {
    return i < args.size() && args[i]->kind == ValueKind::Str ? args[i].get() : nullptr;
  };
  if (method == "strip" || method == "lstrip" || method == "rstrip") {
    std::string chars = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f";
    if (!args.empty()) {
      if (args[0]->kind == ValueKind::None) {
      } else if (const Value* c = arg_str(0)) {
        chars = c->text;
      } else {
        return make_dynamic(fmt::format("`.{}()` has a non-constant argument", method), span, node);
      }
    }
    for (unsigned char c : chars)
      if (c >= 0x80) return make_dynamic(fmt::format("`.{}()` with non-ASCII characters is not folded", method), span, node);
    size_t b = 0, e = t.size();
    if (method != "rstrip") while (b < e && chars.find(t[b]) != std::string::npos) ++b;
    if (method != "lstrip") while (e > b && chars.find(t[e - 1]) != std::string::npos) --e;
    StrBuilder out;
    out.append(s, b, e);
    return out.finish(span, node, s.source_offset(e));
  }
  if (method == "upper" || method == "lower") {
    StrBuilder out;
    std::string text = t;
    for (char& c : text) {
      if (static_cast<unsigned char>(c) >= 0x80)
        return make_dynamic(fmt::format("`.{}()` of non-ASCII text is not folded", method), span, node);
      if (method == "upper" && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (method == "lower" && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    std::vector<uint32_t> src;
    for (size_t i = 0; i <= t.size(); ++i) src.push_back(s.source_offset(i));
    return make_str(std::move(text), std::move(src), span, node);
  }
  if (method == "join") {
    if (args.size() != 1 || (args[0]->kind != ValueKind::List && args[0]->kind != ValueKind::Tuple))
      return make_dynamic("`.join()` of something other than a constant list or tuple", span, node);
    StrBuilder out;
    bool first = true;
    for (const auto& item : args[0]->items) {
      if (item->kind != ValueKind::Str)
        return make_dynamic(fmt::format("`.join()` item `{}` is not a constant str", value_repr(*item)), span, node);
      if (!first) out.append(s);
      out.append(*item);
      first = false;
    }
    return out.finish(span, node, span.end);
  }
  if (method == "replace") {
    const Value* from = arg_str(0);
    const Value* to = arg_str(1);
    if (!from || !to || args.size() > 2 || from->text.empty())
      return make_dynamic("`.replace()` arguments are not folded", span, node);
    StrBuilder out;
    size_t i = 0;
    for (size_t k; (k = t.find(from->text, i)) != std::string::npos; i = k + from->text.size()) {
      out.append(s, i, k);
      out.append(*to);
    }
    out.append(s, i, t.size());
    return out.finish(span, node, s.source_offset(t.size()));
  }
  if (method == "startswith" || method == "endswith") {
    const Value* x = arg_str(0);
    if (!x || args.size() != 1) return make_dynamic(fmt::format("`.{}()` argument is not a constant str", method), span, node);
    auto v = std::make_shared<Value>();
    v->kind = ValueKind::Bool;
    v->span = span;
    v->node = node;
    v->boolean = method == "startswith" ? t.compare(0, x->text.size(), x->text) == 0 && t.size() >= x->text.size()
                                        : t.size() >= x->text.size() && t.compare(t.size() - x->text.size(), x->text.size(), x->text) == 0;
    return v;
  }
  return nullptr;
}

}  // namespace miglint::alembic
