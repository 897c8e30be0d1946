// Fuzz target: string literals and their decoded-to-source offset maps, end to end:
// python::decode_literals on every run of adjacent literal tokens, the parser's Constants, the
// static evaluator's string operations at module level (f-strings, %, str.format,
// textwrap.dedent, strip/upper/join...), and sql::parse_revision_sql, which maps a SQL
// syntax error inside such a string back to a line and column of the .py file.
//
// Invariants beyond "no crash, no exception, no hang":
// - a decoded literal's map has one entry per value byte plus the end, in file order, each
//   inside the literal tokens; a byte that came from a plain character (not an escape) equals
//   that character (a \r or \r\n in the source is the newline \n);
// - the parser's Constant for a concatenation has the same value as decode_literals;
// - every evaluated str/bytes value has an empty map or one entry per byte plus the end, all
//   inside the file;
// - SQL statements and sql-syntax-error diagnostics from such a string map inside the file.
#include <memory>
#include <string>
#include <vector>

#include "alembic/evaluate_module.h"
#include "alembic/lowered.h"
#include "alembic/revision.h"
#include "fuzz_support.h"
#include "python/ast.h"
#include "python/lexer.h"
#include "python/parser.h"
#include "python/string_literal.h"
#include "sql/revision_sql.h"

namespace {

using namespace miglint;
using namespace miglint::fuzz;

bool is_fstring(std::string_view token) { return python::string_prefix_of(token).fstring; }

void check_decoded(const SourceFile& file, const std::vector<Span>& tokens, const python::DecodedString& d) {
  std::string_view text = file.text();
  FUZZ_CHECK(d.source.size() == d.value.size() + 1, "decoded map size " + std::to_string(d.source.size()) +
                                                        " for " + std::to_string(d.value.size()) + " bytes");
  uint32_t lo = tokens.front().begin, hi = tokens.back().end;
  for (size_t i = 0; i < d.source.size(); ++i) {
    uint32_t at = d.source[i];
    FUZZ_CHECK(at >= lo && at <= hi, "decoded byte " + std::to_string(i) + " maps to " + std::to_string(at) +
                                         ", outside the literal [" + std::to_string(lo) + ", " + std::to_string(hi) + ")");
    FUZZ_CHECK(i == 0 || at >= d.source[i - 1], "decoded bytes map out of order at " + std::to_string(i));
    if (i == d.value.size()) break;
    FUZZ_CHECK(at < text.size(), "a decoded byte maps to the end of the file");
    char src = text[at], got = d.value[i];
    bool plain = got == src || src == '\\' || (src == '\r' && got == '\n');
    FUZZ_CHECK(plain, "decoded byte " + std::to_string(i) + " differs from its source character at " +
                          std::to_string(at) + " without an escape");
  }
}

// The parser's decoded Constants, found by span.
void collect_constants(const python::Node* n, std::vector<const python::Node*>& out) {
  if (!n) return;
  if (n->kind == python::Kind::JoinedStr) return;  // its parts are not whole literals
  if (n->kind == python::Kind::Constant &&
      (n->const_kind() == python::ConstKind::Str || n->const_kind() == python::ConstKind::Bytes))
    out.push_back(n);
  for (const python::Node* child : {n->a, n->b, n->c}) collect_constants(child, out);
  for (const python::NodeList* list : {&n->la, &n->lb, &n->lc, &n->ld, &n->le})
    for (const python::Node* child : *list) collect_constants(child, out);
}

void check_value(const SourceFile& file, const alembic::Value& v, int depth) {
  if (depth > 64) return;  // values nest as the source does; the parser already bounds that
  if (v.is(alembic::ValueKind::Str) || v.is(alembic::ValueKind::Bytes)) {
    FUZZ_CHECK(v.text_source.empty() || v.text_source.size() == v.text.size() + 1,
               "a string value with a map of " + std::to_string(v.text_source.size()) + " entries for " +
                   std::to_string(v.text.size()) + " bytes");
    for (uint32_t at : v.text_source) FUZZ_CHECK(at <= file.text().size(), "a string value maps past the end of the file");
  }
  check_span(file, v.span, "value " + alembic::value_repr(v).substr(0, 40));
  for (const auto& item : v.items)
    if (item) check_value(file, *item, depth + 1);
  for (const auto& [k, val] : v.entries) {
    if (k) check_value(file, *k, depth + 1);
    if (val) check_value(file, *val, depth + 1);
  }
  for (const auto& a : v.args)
    if (a) check_value(file, *a, depth + 1);
  for (const auto& [name, a] : v.kwargs)
    if (a) check_value(file, *a, depth + 1);
  if (v.receiver) check_value(file, *v.receiver, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = std::make_shared<const SourceFile>("fuzz.py", std::string(reinterpret_cast<const char*>(data), size));
  std::string_view text = file->text();

  // 1. Every run of adjacent literal tokens (an implicit concatenation), as the parser sees them.
  std::vector<Diagnostic> lex_diags;
  python::LexResult lexed = python::lex(file, lex_diags);
  std::vector<std::vector<Span>> runs;
  std::vector<Span> run;
  for (const python::Token& t : lexed.tokens) {
    bool literal = t.kind == python::Tok::String && !is_fstring(text.substr(t.span.begin, t.span.size()));
    if (literal) {
      run.push_back(t.span);
      continue;
    }
    if (!run.empty()) runs.push_back(std::move(run));
    run.clear();
  }
  std::vector<python::DecodedString> decoded;
  for (const auto& r : runs) {
    std::vector<Diagnostic> diags;
    decoded.push_back(python::decode_literals(file, r, diags));
    check_decoded(*file, r, decoded.back());
    check_diagnostics(diags, file.get());
  }

  // 2. The parser's Constants agree with the decoder (when the file parses: after a syntax error
  // the token runs and the tree need not line up).
  std::vector<Diagnostic> diags;
  std::shared_ptr<python::Module> module = python::parse_module(file, diags);
  check_diagnostics(diags, file.get());
  if (!module->root) return 0;
  if (!module->has_errors) {
    std::vector<const python::Node*> constants;
    collect_constants(module->root, constants);
    for (const python::Node* c : constants) {
      for (size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].front().begin != c->span.begin || runs[i].back().end != c->span.end) continue;
        FUZZ_CHECK(c->str == decoded[i].value, "the parser and decode_literals disagree on the literal at " +
                                                   std::to_string(c->span.begin));
        for (size_t k = 0; k <= c->str.size(); ++k)
          FUZZ_CHECK(c->str_source[k] == decoded[i].source[k], "the parser's offset map differs at byte " +
                                                                   std::to_string(k));
      }
    }
  }

  // 3. Module-level evaluation: every global's value, strings with their maps.
  alembic::ModuleScope scope = alembic::build_module_scope(*module);
  std::vector<alembic::LoweredStatement> lowered;
  for (const auto& [name, value] : scope.globals) {
    if (!value) continue;
    check_value(*file, *value, 0);
    if (value->is(alembic::ValueKind::Str)) {
      alembic::LoweredStatement l;
      l.sql = value->text;
      l.origin = value->span;
      l.source_map = value->text_source;
      lowered.push_back(std::move(l));
    }
  }

  // 4. Each string constant as SQL, errors and statements mapped back into the file.
  alembic::Revision revision;
  revision.file = file;
  sql::RevisionSql parsed = sql::parse_revision_sql(revision, lowered);
  check_diagnostics(parsed.diagnostics, file.get());
  for (const sql::RevisionStatement& st : parsed.statements) {
    check_span(*file, st.file_span, "SQL statement " + st.statement.text.substr(0, 40));
    FUZZ_CHECK(st.lowered_index < lowered.size(), "a statement from no lowered string");
    const std::string& sql = lowered[st.lowered_index].sql;
    FUZZ_CHECK(st.statement.span.begin <= st.statement.span.end && st.statement.span.end <= sql.size(),
               "a statement span outside its SQL string");
  }
  return 0;
}
