// Safe readers over libpg_query's JSON; see json_read.h for why everything has a default.
#include "sql/json_read.h"

namespace miglint::sql::json_read {

const Json& null_json() {
  static const Json null;
  return null;
}

const Json& field(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return null_json();
  auto it = obj.find(key);
  return it == obj.end() ? null_json() : *it;
}

bool get_bool(const Json& obj, std::string_view key) {
  const Json& v = field(obj, key);
  return v.is_boolean() && v.get<bool>();
}

int64_t get_int(const Json& obj, std::string_view key, int64_t fallback) {
  const Json& v = field(obj, key);
  return v.is_number_integer() ? v.get<int64_t>() : fallback;
}

std::string get_string(const Json& obj, std::string_view key) {
  const Json& v = field(obj, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

std::string_view kind(const Json& node) {
  if (!node.is_object() || node.size() != 1) return {};
  return node.begin().key();
}

const Json& body(const Json& node) {
  if (!node.is_object() || node.size() != 1) return null_json();
  return node.begin().value();
}

const Json& body_if(const Json& node, std::string_view type) {
  return kind(node) == type ? body(node) : null_json();
}

const Json& list(const Json& obj, std::string_view key) {
  static const Json empty = Json::array();
  const Json& v = field(obj, key);
  return v.is_array() ? v : empty;
}

std::string string_value(const Json& node) { return get_string(body_if(node, "String"), "sval"); }

std::vector<std::string> string_list(const Json& items) {
  std::vector<std::string> out;
  if (!items.is_array()) return out;
  for (const Json& item : items)
    if (kind(item) == "String") out.push_back(string_value(item));
  return out;
}

namespace {

// The payload of A_Const (nested one level: {"ival":{"ival":5}}) or of a bare value node
// ({"Integer":{"ival":5}}), normalised to (tag, inner object).
std::optional<std::pair<std::string, const Json*>> constant_payload(const Json& node) {
  static const char* const tags[] = {"ival", "fval", "boolval", "sval", "bsval"};
  std::string_view k = kind(node);
  const Json& b = body(node);
  if (k == "A_Const") {
    for (const char* tag : tags)
      if (const Json& inner = field(b, tag); inner.is_object()) return std::pair{tag, &inner};
    return std::nullopt;  // {"isnull":true}
  }
  if (k == "Integer") return std::pair{"ival", &b};
  if (k == "Float") return std::pair{"fval", &b};
  if (k == "Boolean") return std::pair{"boolval", &b};
  if (k == "String") return std::pair{"sval", &b};
  if (k == "BitString") return std::pair{"bsval", &b};
  return std::nullopt;
}

}  // namespace

std::optional<std::string> constant_text(const Json& node) {
  auto payload = constant_payload(node);
  if (!payload) return std::nullopt;
  const auto& [tag, inner] = *payload;
  if (tag == "ival") return std::to_string(get_int(*inner, "ival"));
  if (tag == "boolval") return get_bool(*inner, "boolval") ? "true" : "false";
  return get_string(*inner, tag);
}

std::optional<int64_t> constant_int(const Json& node) {
  auto payload = constant_payload(node);
  if (!payload || payload->first != "ival") return std::nullopt;
  return get_int(*payload->second, "ival");
}

}  // namespace miglint::sql::json_read
