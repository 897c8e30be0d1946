// libpg_query wrapper: the only translation unit that sees <pg_query.h>. Every result is
// freed through a scope guard so no path (early return, exception from json) leaks.
#include "sql/pg_query.h"

#include <pg_query.h>
#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace miglint::sql {
namespace {

// PostgreSQL's pg_utf_mblen: the length of a UTF-8 sequence judged by its first byte only.
// We must count exactly as the server does, including for malformed input.
uint32_t utf8_sequence_length(unsigned char lead) {
  if ((lead & 0x80) == 0) return 1;
  if ((lead & 0xe0) == 0xc0) return 2;
  if ((lead & 0xf0) == 0xe0) return 3;
  if ((lead & 0xf8) == 0xf0) return 4;
  return 1;
}

// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence,
// or npos. libpg_query copies such bytes verbatim into its JSON, which then cannot be read.
// Surrogates (a Python "\ud800" folds to ED A0 80), overlong forms and code points past
// U+10FFFF are refused too, as PostgreSQL's pg_utf8_islegal does (and psycopg2 cannot even
// encode a lone surrogate): the JSON reader would reject them with a message about JSON.
size_t first_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto lead = static_cast<unsigned char>(s[i]);
    uint32_t n = utf8_sequence_length(lead);
    if (n == 1 && (lead & 0x80)) return i;
    if (i + n > s.size()) return i;
    for (uint32_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return i;
    auto second = n > 1 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if ((n == 2 && lead < 0xc2) || (n == 3 && lead == 0xe0 && second < 0xa0) ||
        (n == 3 && lead == 0xed && second >= 0xa0) || (n == 4 && lead == 0xf0 && second < 0x90) ||
        (n == 4 && (lead > 0xf4 || (lead == 0xf4 && second >= 0x90))))
      return i;
    i += n;
  }
  return std::string_view::npos;
}

// PostgreSQL quotes the token it failed at in full: `syntax error at or near "xxx…"` can be a
// megabyte for a 1 MB literal. Long quotes are cut (at a UTF-8 boundary) and their size given.
std::string shorten_error_message(std::string message) {
  constexpr size_t kKeep = 60;
  size_t open = message.find(" near \"");
  if (open == std::string::npos) return message;
  open += 7;
  size_t close = message.rfind('"');
  if (close == std::string::npos || close <= open || close - open <= kKeep + 20) return message;
  size_t cut = open + kKeep;
  while (cut > open && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
  return message.substr(0, cut) + fmt::format("…\" (a token of {} bytes)", close - open) + message.substr(close + 1);
}

PgError make_error(std::string_view sql, const PgQueryError& e) {
  PgError err;
  err.message = shorten_error_message(e.message ? e.message : "unknown parse error");
  err.offset_known = e.cursorpos > 0;
  err.offset = err.offset_known ? char_position_to_byte_offset(sql, e.cursorpos) : 0;
  return err;
}

// Checks that libpg_query can be given `sql` at all: no NUL byte (C strings stop there) and
// well-formed UTF-8 (its JSON output would be unreadable).
std::optional<PgError> check_input(std::string_view sql) {
  if (auto nul = sql.find('\0'); nul != std::string_view::npos)
    return PgError{"SQL text contains a NUL byte", static_cast<uint32_t>(nul), true};
  if (auto bad = first_invalid_utf8(sql); bad != std::string_view::npos)
    return PgError{"SQL text is not valid UTF-8", static_cast<uint32_t>(bad), true};
  return std::nullopt;
}

// Reads the magnitude of a negated integer literal written at `pos`: "-", "- 5",
// "-(5)", "- /* c */ 5". Returns 0 when the text there is not of that shape.
long long negated_literal_at(std::string_view sql, size_t pos) {
  if (pos >= sql.size() || sql[pos] != '-') return 0;
  size_t i = pos + 1;
  for (;;) {
    if (i < sql.size() && (std::isspace(static_cast<unsigned char>(sql[i])) || sql[i] == '(' ||
                           sql[i] == '-')) {
      ++i;
    } else if (sql.substr(i, 2) == "/*") {
      auto close = sql.find("*/", i + 2);
      if (close == std::string_view::npos) return 0;
      i = close + 2;
    } else if (sql.substr(i, 2) == "--") {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) return 0;
    } else {
      break;
    }
  }
  long long value = 0;
  size_t digits = 0;
  while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i])) && digits < 11) {
    value = value * 10 + (sql[i] - '0');
    ++i, ++digits;
  }
  return value;
}

// libpg_query 15-4.0.0's JSON writer prints an Integer only when it is > 0, so "-5" comes out
// as {"ival":{}}, the same as 0. PostgreSQL's grammar folds "- 5" into one A_Const whose
// location is the "-", so the source text tells us the real value.
void repair_negative_integers(nlohmann::json& node, std::string_view sql) {
  if (node.is_object()) {
    if (auto c = node.find("A_Const"); c != node.end() && c->is_object()) {
      auto ival = c->find("ival");
      auto loc = c->find("location");
      if (ival != c->end() && ival->is_object() && ival->empty() && loc != c->end() &&
          loc->is_number_integer()) {
        if (long long magnitude = negated_literal_at(sql, loc->get<size_t>()); magnitude > 0)
          (*ival)["ival"] = -magnitude;
      }
    }
    for (auto& [key, child] : node.items()) repair_negative_integers(child, sql);
  } else if (node.is_array()) {
    for (auto& child : node) repair_negative_integers(child, sql);
  }
}

// Trees deeper than this many JSON levels (a chained operator adds two) are refused:
// copying, dumping and walking a tree recurse, and a left-deep chain such as
// "1 + 1 + … + 1" would overflow the caller's stack. Measured: copying a tree costs about
// 1 KiB of stack per level in a Debug build, so 9 000 levels overflowed a default 8 MiB
// thread; 1 000 levels (about 500 chained operators, far beyond hand-written SQL) leave room
// for sanitizer builds and smaller thread stacks.
constexpr size_t kMaxTreeDepth = 1000;

// Index of the first element of "stmts" whose nesting exceeds `limit`, found by scanning
// libpg_query's JSON text (cheaper than building a tree we would refuse); npos if none.
// The text is {"version":…,"stmts":[{…},{…}]}: each statement is an object at depth 3.
size_t too_deep_statement(std::string_view json, size_t limit) {
  size_t depth = 0, index = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth == 3) ++index;
      if (depth > limit + 2) return index - 1;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::string_view::npos;
}

// Where statement `index` starts, from libpg_query's parser-based splitter (which does not
// walk the tree, so it is safe on any depth). 0 when unknown.
uint32_t statement_location(const std::string& input, size_t index) {
  PgQuerySplitResult split = pg_query_split_with_parser(input.c_str());
  uint32_t at = 0;
  if (!split.error && index < static_cast<size_t>(split.n_stmts))
    at = static_cast<uint32_t>(std::max(0, split.stmts[index]->stmt_location));
  pg_query_free_split_result(split);
  return at;
}

// libpg_query recurses once per expression level while printing its JSON, about 125 bytes
// a level: an 8 MiB stack overflows near 65 000 levels, i.e. from about 130 KiB of text
// ("+1" per level). Texts above this size are parsed on a thread whose stack grows with
// the text; smaller ones (nearly all) on the caller's thread.
constexpr size_t kBigStackThreshold = 16 * 1024;

// ~125 bytes per level in libpg_query, at most one level per 2 bytes of text, with room for
// our own passes; capped so the reservation (address space, touched only as used) stays sane.
size_t stack_for(size_t text_size) {
  return std::clamp<size_t>(text_size * 128, size_t{64} << 20, size_t{1024} << 20);
}

void run_with_stack(size_t stack_bytes, const std::function<void()>& fn) {
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  bool started = false;
  pthread_t thread;
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) == 0) {
    started = pthread_attr_setstacksize(&attr, stack_bytes) == 0 &&
              pthread_create(&thread, &attr, trampoline,
                             const_cast<std::function<void()>*>(&fn)) == 0;
    pthread_attr_destroy(&attr);
  }
  if (started) {
    pthread_join(thread, nullptr);
  } else {
    fn();  // no thread to be had: parse here rather than not at all
  }
}

void strip_locations(nlohmann::json& node) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end();) {
      if (it.key() == "location" && it->is_number()) {
        it = node.erase(it);
      } else {
        strip_locations(*it);
        ++it;
      }
    }
  } else if (node.is_array()) {
    for (auto& child : node) strip_locations(child);
  }
}

}  // namespace

uint32_t char_position_to_byte_offset(std::string_view text, int cursorpos) {
  size_t offset = 0;
  for (int chars = 1; chars < cursorpos && offset < text.size(); ++chars)
    offset += utf8_sequence_length(static_cast<unsigned char>(text[offset]));
  return static_cast<uint32_t>(std::min(offset, text.size()));
}

namespace {

void parse_into(std::string_view sql, PgParseOutput& out) {
  const std::string input(sql);  // libpg_query wants a NUL-terminated string
  PgQueryParseResult result = pg_query_parse(input.c_str());
  struct Guard {
    PgQueryParseResult& r;
    ~Guard() { pg_query_free_parse_result(r); }
  } guard{result};

  if (result.error) {
    out.error = make_error(sql, *result.error);
    return;
  }
  std::string_view json = result.parse_tree ? result.parse_tree : "";
  if (size_t deep = too_deep_statement(json, kMaxTreeDepth); deep != std::string_view::npos) {
    uint32_t at = std::min<uint32_t>(statement_location(input, deep), sql.size());
    out.error = PgError{
        fmt::format("statement is nested too deeply to analyse (over {} levels)", kMaxTreeDepth),
        at, true};
    return;
  }
  out.tree = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (out.tree.is_discarded()) {
    out.tree = nullptr;
    out.error = PgError{"libpg_query returned a parse tree that is not valid JSON", 0, false};
    return;
  }
  repair_negative_integers(out.tree, sql);
}

}  // namespace

PgParseOutput pg_parse(std::string_view sql) {
  PgParseOutput out;
  if (auto bad = check_input(sql)) {
    out.error = std::move(bad);
    return out;
  }
  if (sql.size() <= kBigStackThreshold) {
    parse_into(sql, out);
  } else {
    run_with_stack(stack_for(sql.size()), [&] { parse_into(sql, out); });
  }
  return out;
}

PgFingerprint pg_fingerprint(std::string_view sql) {
  PgFingerprint out;
  if (auto bad = check_input(sql)) {
    out.error = std::move(bad);
    return out;
  }
  auto fingerprint = [&] {
    const std::string input(sql);
    PgQueryFingerprintResult result = pg_query_fingerprint(input.c_str());
    struct Guard {
      PgQueryFingerprintResult& r;
      ~Guard() { pg_query_free_fingerprint_result(r); }
    } guard{result};
    if (result.error) {
      out.error = make_error(sql, *result.error);
      return;
    }
    out.value = result.fingerprint;
    out.hex = result.fingerprint_str ? result.fingerprint_str : fmt::format("{:016x}", out.value);
  };
  // Fingerprinting walks the tree recursively too (see pg_parse).
  if (sql.size() <= kBigStackThreshold) {
    fingerprint();
  } else {
    run_with_stack(stack_for(sql.size()), fingerprint);
  }
  return out;
}

std::string normalize_node(const nlohmann::json& node) {
  nlohmann::json copy = node;
  strip_locations(copy);
  return copy.dump();  // nlohmann::json keeps object keys sorted, so the dump is canonical
}

PgGrammarVersion pg_grammar_version() { return {PG_VERSION, PG_VERSION_NUM}; }

}  // namespace miglint::sql
