// CPython 3.11's formatting of constants: format() with the format-spec mini-language,
// `%` formatting and str.format(), each result byte mapped to the file offset it came from.
// Tested against /usr/bin/python3 in tests/unit/evaluate_strings_test.cc.
#include <fmt/format.h>

#include <cmath>

#include "alembic/evaluate_strings.h"

namespace miglint::alembic {

namespace {

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string body, size_t width, char align, std::string_view fill, size_t sign_len) {
  size_t len = code_points(body);
  if (len >= width) return body;
  size_t n = width - len;
  auto fills = [&](size_t k) {
    std::string s;
    for (size_t i = 0; i < k; ++i) s += fill;
    return s;
  };
  switch (align) {
    case '<': return body + fills(n);
    case '^': return fills(n / 2) + body + fills(n - n / 2);
    case '=': return body.substr(0, sign_len) + fills(n) + body.substr(sign_len);
    default: return fills(n) + body;
  }
}

std::string group_digits(std::string digits, char sep, size_t every) {
  std::string out;
  size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i && (n - i) % every == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string int_digits(int64_t v, char type) {
  uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  switch (type) {
    case 'x': return fmt::format("{:x}", u);
    case 'X': return fmt::format("{:X}", u);
    case 'o': return fmt::format("{:o}", u);
    case 'b': return fmt::format("{:b}", u);
    default: return std::to_string(u);
  }
}

// Reads the decimal count at text[i] (a width, a precision, a field index) and moves i past
// it. False when the count exceeds kMaxFoldedText: padding or zero-filling to such a width
// would build more text than is ever folded (Python says "Too many decimal digits in format
// string" only past sys.maxsize, and would then try to allocate it all).
bool read_count(std::string_view text, size_t& i, size_t& out) {
  out = 0;
  bool ok = true;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (ok) out = out * 10 + static_cast<size_t>(text[i] - '0');
    if (out > kMaxFoldedText) ok = false;
  }
  return ok;
}

constexpr const char* kTooWide = "asks for a width or precision too large to fold";

std::optional<int64_t> as_int(const Value& v) {
  if (v.kind == ValueKind::Int) return v.integer;
  if (v.kind == ValueKind::Bool) return v.boolean ? 1 : 0;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> py_format(const Value& v, std::string_view spec, std::string* why) {
  if (spec.empty()) {
    auto s = py_str(v);
    if (!s) *why = "the value is not a constant";
    return s;
  }
  size_t i = 0;
  std::string fill = " ";
  char align = 0;
  bool explicit_fill = false;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
  if (spec.size() >= 2 && is_align(spec[1])) {
    fill = std::string(1, spec[0]);
    align = spec[1];
    explicit_fill = true;
    i = 2;
  } else if (is_align(spec[0])) {
    align = spec[0];
    i = 1;
  }
  char sign = '-';
  if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' ')) sign = spec[i++];
  bool alt = false;
  if (i < spec.size() && spec[i] == '#') alt = true, ++i;
  bool zero = false;
  if (i < spec.size() && spec[i] == '0') zero = true, ++i;
  size_t width = 0;
  if (!read_count(spec, i, width)) return *why = kTooWide, std::nullopt;
  char grouping = 0;
  if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) grouping = spec[i++];
  std::optional<size_t> precision;
  if (i < spec.size() && spec[i] == '.') {
    size_t first = ++i, p = 0;
    if (!read_count(spec, i, p)) return *why = kTooWide, std::nullopt;
    if (i == first) return *why = "invalid format specifier", std::nullopt;
    precision = p;
  }
  char type = 0;
  if (i < spec.size()) type = spec[i++];
  if (i != spec.size()) return *why = "invalid format specifier", std::nullopt;
  if (zero && !explicit_fill) {  // '0' means fill '0' unless a fill was given
    fill = "0";
    if (!align) align = v.kind == ValueKind::Str ? '<' : '=';
  }

  if (v.kind == ValueKind::Str) {
    if ((type && type != 's') || sign != '-' || alt || grouping || align == '=')
      return *why = "invalid format specifier for a str", std::nullopt;
    std::string body = v.text;
    if (precision) {  // truncate to `precision` code points
      size_t cp = 0, b = 0;
      while (b < body.size() && cp < *precision) {
        ++b;
        while (b < body.size() && (static_cast<unsigned char>(body[b]) & 0xC0) == 0x80) ++b;
        ++cp;
      }
      body.resize(b);
    }
    return pad(body, width, align ? align : '<', fill, 0);
  }
  if (auto n = as_int(v); n && type != 'f' && type != 'F' && type != '%' && type != 'e' && type != 'g') {
    if (precision) return *why = "precision not allowed in integer format specifier", std::nullopt;
    if (type && type != 'd' && type != 'x' && type != 'X' && type != 'o' && type != 'b' && type != 'n')
      return *why = fmt::format("format type '{}' is not supported", type), std::nullopt;
    std::string digits = int_digits(*n, type);
    if (grouping) digits = group_digits(digits, grouping, type == 0 || type == 'd' ? 3 : 4);
    std::string prefix = *n < 0 ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
    if (alt && type && type != 'd' && type != 'n') prefix += std::string("0") + type;
    return pad(prefix + digits, width, align ? align : '>', fill, prefix.size());
  }
  if (v.kind == ValueKind::Float || as_int(v)) {
    double d = v.kind == ValueKind::Float ? v.real : static_cast<double>(*as_int(v));
    if (type != 'f' && type != 'F' && type != '%')
      return *why = "only the f and % float formats are folded", std::nullopt;
    if (!std::isfinite(d)) return *why = "non-finite float", std::nullopt;
    if (type == '%') d *= 100;
    std::string body = fmt::format("{:.{}f}", std::fabs(d), precision.value_or(6));
    if (grouping) {
      size_t dot = body.find('.');
      body = group_digits(body.substr(0, dot), grouping, 3) + body.substr(dot);
    }
    if (type == '%') body += '%';
    std::string prefix = std::signbit(d) ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
    return pad(prefix + body, width, align ? align : '>', fill, prefix.size());
  }
  *why = "the value is not a constant str or number";
  return std::nullopt;
}

ValuePtr py_percent(const Value& fmtv, const Value& args, Span span, const python::Node* node) {
  const std::string& f = fmtv.text;
  std::vector<const Value*> positional;
  const Value* mapping = nullptr;
  if (args.kind == ValueKind::Tuple) {
    for (const auto& a : args.items) positional.push_back(a.get());
  } else {
    positional.push_back(&args);
    if (args.kind == ValueKind::Dict) mapping = &args;
  }
  // A dynamic argument is why the result is dynamic: its own reason ("`2**64 + x` is an integer
  // too large to fold") says more than "`%` formatting of `<dynamic>` is not static".
  if (const Value* dyn = find_dynamic(args); dyn && !dyn->reason.empty()) return make_dynamic(dyn->reason, span, node);
  size_t next = 0;
  bool used_mapping = false;
  StrBuilder out;
  auto fail = [&](std::string why) { return make_dynamic("`%` formatting " + why, span, node); };
  for (size_t i = 0; i < f.size();) {
    size_t pct = f.find('%', i);
    if (pct == std::string::npos) pct = f.size();
    out.append(fmtv, i, pct);
    if (pct == f.size()) break;
    size_t j = pct + 1;
    const Value* arg = nullptr;
    if (j < f.size() && f[j] == '(') {
      size_t close = f.find(')', j);
      if (close == std::string::npos || !mapping) return fail("raises: format requires a mapping");
      std::string key = f.substr(j + 1, close - j - 1);
      for (const auto& [k, v] : mapping->entries)
        if (k->kind == ValueKind::Str && k->text == key) arg = v.get();
      if (!arg) return fail(fmt::format("raises KeyError: '{}'", key));
      used_mapping = true;
      j = close + 1;
    }
    std::string flags;
    while (j < f.size() && std::string_view("#0- +").find(f[j]) != std::string_view::npos) flags += f[j++];
    size_t width = 0;
    if (!read_count(f, j, width)) return fail(kTooWide);
    std::optional<size_t> precision;
    if (j < f.size() && f[j] == '.') {
      ++j;
      size_t p = 0;
      if (!read_count(f, j, p)) return fail(kTooWide);
      precision = p;
    }
    while (j < f.size() && (f[j] == 'h' || f[j] == 'l' || f[j] == 'L')) ++j;
    if (j >= f.size()) return fail("raises ValueError: incomplete format");
    char type = f[j++];
    if (type == '%') {
      out.append(fmtv, j - 1, j);
      i = j;
      continue;
    }
    if (!arg) {
      if (next >= positional.size()) return fail("raises TypeError: not enough arguments for format string");
      arg = positional[next++];
    }
    bool left = flags.find('-') != std::string::npos;
    std::string body;
    bool verbatim = false;  // the argument's own bytes, so keep its source map
    if (type == 's' || type == 'r' || type == 'a') {
      auto s = type == 's' ? py_str(*arg) : std::optional<std::string>(value_repr(*arg));
      if (!s || arg->kind == ValueKind::Object || find_dynamic(*arg))
        return fail(fmt::format("of `{}` is not static", value_repr(*arg)));
      body = *s;
      if (precision && body.size() > *precision) body.resize(*precision);
      verbatim = type == 's' && arg->kind == ValueKind::Str && body.size() == arg->text.size();
    } else if (std::string_view("diuxXo").find(type) != std::string_view::npos) {
      std::optional<int64_t> n = as_int(*arg);
      if (!n && arg->kind == ValueKind::Float && std::isfinite(arg->real)) n = static_cast<int64_t>(arg->real);
      if (!n) return fail(fmt::format("%{} needs a number, got `{}`", type, value_repr(*arg)));
      char t = type == 'i' || type == 'u' ? 'd' : type;
      std::string digits = int_digits(*n, t);
      if (precision && digits.size() < *precision) digits.insert(0, *precision - digits.size(), '0');
      std::string prefix = *n < 0 ? "-" : flags.find('+') != std::string::npos ? "+"
                                        : flags.find(' ') != std::string::npos ? " " : "";
      if (flags.find('#') != std::string::npos && t != 'd') prefix += t == 'o' ? "0o" : std::string("0") + t;
      body = prefix + digits;
      if (!left && flags.find('0') != std::string::npos)
        body = pad(body, width, '=', "0", prefix.size());
    } else if (type == 'f' || type == 'F') {
      double d = arg->kind == ValueKind::Float ? arg->real : as_int(*arg) ? static_cast<double>(*as_int(*arg)) : NAN;
      if (!std::isfinite(d)) return fail(fmt::format("%f needs a finite number, got `{}`", value_repr(*arg)));
      std::string prefix = std::signbit(d) ? "-" : flags.find('+') != std::string::npos ? "+"
                                                : flags.find(' ') != std::string::npos ? " " : "";
      body = prefix + fmt::format("{:.{}f}", std::fabs(d), precision.value_or(6));
      if (!left && flags.find('0') != std::string::npos) body = pad(body, width, '=', "0", prefix.size());
    } else {
      return fail(fmt::format("with %{} is not folded", type));
    }
    body = pad(body, width, left ? '<' : '>', " ", 0);
    if (verbatim && body.size() == arg->text.size()) out.append(*arg);
    else out.append(body, arg->span.begin);
    i = j;
  }
  if (!used_mapping && next < positional.size() && !(mapping && next == 0))
    return fail("raises TypeError: not all arguments converted during string formatting");
  return out.finish(span, node, fmtv.source_offset(f.size()));
}

ValuePtr py_str_format(const Value& fmtv, const std::vector<ValuePtr>& args,
                       const std::vector<std::pair<std::string, ValuePtr>>& kwargs, Span span,
                       const python::Node* node) {
  const std::string& f = fmtv.text;
  for (const auto& a : args)  // as in py_percent: a dynamic argument's own reason
    if (const Value* dyn = find_dynamic(*a); dyn && !dyn->reason.empty()) return make_dynamic(dyn->reason, span, node);
  for (const auto& [key, a] : kwargs)
    if (const Value* dyn = find_dynamic(*a); dyn && !dyn->reason.empty()) return make_dynamic(dyn->reason, span, node);
  StrBuilder out;
  auto fail = [&](std::string why) { return make_dynamic("`.format()` " + why, span, node); };
  int auto_index = 0;
  bool manual = false;
  for (size_t i = 0; i < f.size();) {
    char c = f[i];
    if (c == '}') {
      if (i + 1 < f.size() && f[i + 1] == '}') {
        out.append(fmtv, i, i + 1);
        i += 2;
        continue;
      }
      return fail("raises ValueError: single '}' encountered in format string");
    }
    if (c != '{') {
      out.append(fmtv, i, i + 1);
      ++i;
      continue;
    }
    if (i + 1 < f.size() && f[i + 1] == '{') {
      out.append(fmtv, i, i + 1);
      i += 2;
      continue;
    }
    size_t close = f.find('}', i);
    if (close == std::string::npos) return fail("raises ValueError: expected '}' before end of string");
    std::string field = f.substr(i + 1, close - i - 1);
    if (field.find('{') != std::string::npos) return fail("with nested fields is not folded");
    std::string spec, conv;
    if (size_t colon = field.find(':'); colon != std::string::npos) spec = field.substr(colon + 1), field.resize(colon);
    if (size_t bang = field.find('!'); bang != std::string::npos) conv = field.substr(bang + 1), field.resize(bang);
    size_t name_end = field.find_first_of(".[");
    std::string name = field.substr(0, name_end);
    const Value* arg = nullptr;
    if (name.empty()) {
      if (manual) return fail("raises ValueError: cannot switch from manual field numbering to automatic");
      size_t k = static_cast<size_t>(auto_index++);
      if (k >= args.size()) return fail(fmt::format("raises IndexError: replacement index {} out of range", k));
      arg = args[k].get();
    } else if (name.find_first_not_of("0123456789") == std::string::npos) {
      if (auto_index) return fail("raises ValueError: cannot switch from automatic field numbering to manual");
      manual = true;
      size_t k = 0, at = 0;
      // A huge index (std::stoul would throw) is out of range like any index past the arguments.
      if (!read_count(name, at, k)) return fail(fmt::format("raises IndexError: replacement index {} out of range", name));
      if (k >= args.size()) return fail(fmt::format("raises IndexError: replacement index {} out of range", k));
      arg = args[k].get();
    } else {
      for (const auto& [key, value] : kwargs)
        if (key == name) arg = value.get();
      if (!arg) return fail(fmt::format("raises KeyError: '{}'", name));
    }
    if (name_end != std::string::npos) return fail(fmt::format("with field `{}` is not folded", field));
    std::optional<std::string> text;
    std::string why;
    Value converted;
    const Value* target = arg;
    if (!conv.empty()) {
      if (conv != "r" && conv != "s" && conv != "a") return fail("raises ValueError: unknown conversion specifier " + conv);
      auto s = conv == "s" ? py_str(*arg) : std::optional<std::string>(value_repr(*arg));
      if (!s || arg->kind == ValueKind::Object || find_dynamic(*arg))
        return fail(fmt::format("of `{}` is not static", value_repr(*arg)));
      converted.kind = ValueKind::Str;
      converted.text = *s;
      converted.span = arg->span;
      target = &converted;
    }
    if (target->kind == ValueKind::Object || target->kind == ValueKind::Dynamic)
      return fail(fmt::format("of `{}` is not static", value_repr(*target)));
    text = py_format(*target, spec, &why);
    if (!text) return fail(fmt::format("raises or is not folded: {}", why));
    if (target == arg && arg->kind == ValueKind::Str && *text == arg->text) out.append(*arg);
    else out.append(*text, arg->span.begin);
    i = close + 1;
  }
  return out.finish(span, node, fmtv.source_offset(f.size()));
}

}  // namespace miglint::alembic
