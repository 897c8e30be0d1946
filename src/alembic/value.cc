// Value accessors and the repr() used by messages and string formatting.
#include "alembic/value.h"

#include <fmt/format.h>

#include "alembic/op_call.h"

namespace miglint::alembic {

const Value* Value::kwarg(std::string_view name) const {
  for (const auto& [key, value] : kwargs)
    if (key == name) return value.get();
  return nullptr;
}

const Value* OpCall::kwarg(std::string_view key) const {
  for (const auto& [k, value] : kwargs)
    if (k == key) return value.get();
  return nullptr;
}

const Value* find_dynamic(const Value& v) {
  if (v.kind == ValueKind::Dynamic) return &v;
  for (const auto& item : v.items)
    if (item)
      if (const Value* d = find_dynamic(*item)) return d;
  for (const auto& [key, value] : v.entries) {
    if (key)
      if (const Value* d = find_dynamic(*key)) return d;
    if (value)
      if (const Value* d = find_dynamic(*value)) return d;
  }
  if (v.receiver)
    if (const Value* d = find_dynamic(*v.receiver)) return d;
  for (const auto& a : v.args)
    if (a)
      if (const Value* d = find_dynamic(*a)) return d;
  for (const auto& [key, value] : v.kwargs)
    if (value)
      if (const Value* d = find_dynamic(*value)) return d;
  return nullptr;
}

namespace {

// Python's repr of a str: single quotes unless the text has ' and no ".
std::string str_repr(std::string_view s) {
  bool single = s.find('\'') != std::string_view::npos;
  bool dbl = s.find('"') != std::string_view::npos;
  char q = single && !dbl ? '"' : '\'';
  std::string out(1, q);
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == static_cast<unsigned char>(q)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);  // UTF-8 passes through (printable non-ASCII, as Python)
        }
    }
  }
  out += q;
  return out;
}

std::string float_repr(double d) {
  std::string s = fmt::format("{}", d);
  if (s.find_first_of(".eni") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string value_repr(const Value& v) {
  switch (v.kind) {
    case ValueKind::None: return "None";
    case ValueKind::Bool: return v.boolean ? "True" : "False";
    case ValueKind::Int: return std::to_string(v.integer);
    case ValueKind::Float: return float_repr(v.real);
    case ValueKind::Str: return str_repr(v.text);
    case ValueKind::Bytes: return "b" + str_repr(v.text);
    case ValueKind::Tuple: case ValueKind::List: {
      bool tuple = v.kind == ValueKind::Tuple;
      std::string out = tuple ? "(" : "[";
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        out += value_repr(*v.items[i]);
      }
      if (tuple && v.items.size() == 1) out += ",";
      out += tuple ? ")" : "]";
      return out;
    }
    case ValueKind::Dict: {
      std::string out = "{";
      for (size_t i = 0; i < v.entries.size(); ++i) {
        if (i) out += ", ";
        out += value_repr(*v.entries[i].first) + ": " + value_repr(*v.entries[i].second);
      }
      return out + "}";
    }
    case ValueKind::Object: {
      std::string out = v.receiver ? value_repr(*v.receiver) + "." + v.callee : v.callee;
      if (v.called) out += "(...)";
      return out;
    }
    case ValueKind::Dynamic: return "<dynamic>";
  }
  return "?";
}

}  // namespace miglint::alembic
