// Python string operations miglint folds statically, with exact CPython semantics
// (textwrap.dedent, % formatting, str.format, f-string fields, strip/upper/lower/join), keeping
// for each result byte the file offset it came from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alembic/value.h"

namespace miglint::alembic {

// Accumulates text with a per-byte source map.
// Folded strings stop here: a longer result (`"x" * 1000000` joined 10,000 times) is not folded
// but Dynamic, instead of gigabytes of text and source map (5 bytes per byte).
inline constexpr size_t kMaxFoldedText = 16 << 20;

class StrBuilder {
 public:
  // Appends the bytes of a Str value (its own map), or `text` all mapped to `at`.
  void append(const Value& str);
  void append(const Value& str, size_t begin, size_t end);  // a byte range of a Str value
  void append(std::string_view text, uint32_t at);
  // The Str value, or a Dynamic one when the text would exceed kMaxFoldedText.
  ValuePtr finish(Span span, const python::Node* node, uint32_t end_offset);
  const std::string& text() const { return text_; }

 private:
  bool room_for(size_t n);
  std::string text_;
  std::vector<uint32_t> source_;
  bool too_large_ = false;
};

ValuePtr make_str(std::string text, std::vector<uint32_t> source, Span span, const python::Node* node);
ValuePtr make_dynamic(std::string reason, Span span, const python::Node* node);

// str() of a constant (nullopt for objects and dynamic values).
std::optional<std::string> py_str(const Value& v);

// format(value, spec): the format-spec mini-language for str, int, bool and float. On failure
// returns nullopt and sets *why.
std::optional<std::string> py_format(const Value& v, std::string_view spec, std::string* why);

// Each returns a Str value (span = `span`) or a Dynamic value naming why.
ValuePtr py_dedent(const Value& s, Span span, const python::Node* node);
ValuePtr py_percent(const Value& fmt, const Value& args, Span span, const python::Node* node);
ValuePtr py_str_format(const Value& fmt, const std::vector<ValuePtr>& args,
                       const std::vector<std::pair<std::string, ValuePtr>>& kwargs, Span span,
                       const python::Node* node);
// A str method with constant arguments: strip lstrip rstrip upper lower join replace.
// Returns nullptr when `method` is not one of them.
ValuePtr py_str_method(const Value& s, std::string_view method, const std::vector<ValuePtr>& args,
                       Span span, const python::Node* node);

}  // namespace miglint::alembic
