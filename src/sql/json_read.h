// Safe readers over libpg_query's JSON, for the statement helpers only (rules never see JSON).
// libpg_query omits every field at its default value (false, 0, empty list, NULL pointer), so
// each reader takes the default when the key is absent or has an unexpected shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace miglint::sql::json_read {

using Json = nlohmann::json;

// The shared null returned for absent fields, so readers can hand out references.
const Json& null_json();

// `obj[key]` when `obj` is an object holding `key`, else null.
const Json& field(const Json& obj, std::string_view key);

bool get_bool(const Json& obj, std::string_view key);
int64_t get_int(const Json& obj, std::string_view key, int64_t fallback = 0);
std::string get_string(const Json& obj, std::string_view key);

// A node is {"NodeType": {fields}}. kind() is "NodeType" (empty for anything else), body()
// the fields (null for anything else).
std::string_view kind(const Json& node);
const Json& body(const Json& node);
// body(node) when kind(node) == type, else null.
const Json& body_if(const Json& node, std::string_view type);

// A list field as an array (an absent list is empty).
const Json& list(const Json& obj, std::string_view key);

// A PG15 String node {"String":{"sval":…}} → its text; other nodes → "".
std::string string_value(const Json& node);
// A list of String nodes → their texts (non-strings are skipped).
std::vector<std::string> string_list(const Json& items);

// The value of an A_Const, Integer, Float, Boolean or String node as PostgreSQL would print
// it ("5s", "5000", "1.5", "true"); nullopt for SQL NULL and for anything that is not a
// constant. Integer 0 is {"ival":{}} and false is {"boolval":{}}.
std::optional<std::string> constant_text(const Json& node);
// An integer-valued A_Const or Integer node.
std::optional<int64_t> constant_int(const Json& node);

}  // namespace miglint::sql::json_read
