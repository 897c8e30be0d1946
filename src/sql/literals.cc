#include "sql/literals.h"

#include <string_view>

#include "sql/json_read.h"

namespace miglint::sql {
namespace {

using json_read::Json;

// The length of the literal token starting at `at` in `text`: '…' (with '' inside), E'…'
// (with backslash escapes), $tag$…$tag$; 1 when it is none of those (the caret still lands).
uint32_t token_length(std::string_view text, size_t at) {
  size_t i = at;
  bool backslash = false;
  if (i < text.size() && (text[i] == 'E' || text[i] == 'e')) {
    backslash = true;
    ++i;
  }
  if (i < text.size() && text[i] == '\'') {
    for (++i; i < text.size(); ++i) {
      if (backslash && text[i] == '\\') {
        ++i;
      } else if (text[i] == '\'') {
        if (i + 1 < text.size() && text[i + 1] == '\'') ++i;
        else return static_cast<uint32_t>(i + 1 - at);
      }
    }
    return 1;
  }
  if (i < text.size() && text[i] == '$') {
    size_t tag_end = text.find('$', i + 1);
    if (tag_end == std::string_view::npos) return 1;
    std::string_view tag = text.substr(i, tag_end + 1 - i);
    size_t close = text.find(tag, tag_end + 1);
    if (close == std::string_view::npos) return 1;
    return static_cast<uint32_t>(close + tag.size() - at);
  }
  return 1;
}

void collect(const Json& node, const Statement& st, std::vector<StringLiteral>& out) {
  if (node.is_array()) {
    for (const Json& child : node) collect(child, st, out);
    return;
  }
  if (!node.is_object()) return;
  if (json_read::kind(node) == "A_Const") {
    const Json& b = json_read::body(node);
    const Json& inner = json_read::field(b, "sval");
    if (inner.is_object()) {
      StringLiteral lit{json_read::get_string(inner, "sval"), {}};
      int64_t at = json_read::get_int(b, "location", -1);
      if (at >= st.span.begin && at < st.span.end) {
        auto rel = static_cast<uint32_t>(at - st.span.begin);
        lit.span = {rel, rel + token_length(st.text, rel)};
      }
      out.push_back(std::move(lit));
    }
    return;
  }
  for (const auto& item : node.items()) collect(item.value(), st, out);
}

}  // namespace

std::vector<StringLiteral> string_literals(const Statement& statement) {
  std::vector<StringLiteral> out;
  collect(statement.node, statement, out);
  return out;
}

}  // namespace miglint::sql
