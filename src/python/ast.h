// A small uniform Python AST: one Node type for every statement, expression and helper node,
// with CPython's node kinds and field names (see ast.cc for the field layout of each kind).
// Nodes live in the Module's arena; pointers stay valid as long as the Module does.
#pragma once

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string_view>
#include <vector>

#include "base/source_file.h"
#include "base/span.h"
#include "python/lexer.h"

namespace miglint::python {

enum class Kind : uint8_t {
  Module,
  // statements
  FunctionDef, AsyncFunctionDef, ClassDef, Return, Delete, Assign, TypeAlias, AugAssign, AnnAssign,
  For, AsyncFor, While, If, With, AsyncWith, Match, Raise, Try, TryStar, Assert, Import, ImportFrom,
  Global, Nonlocal, Expr, Pass, Break, Continue,
  // expressions
  BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp, DictComp,
  GeneratorExp, Await, Yield, YieldFrom, Compare, Call, FormattedValue, JoinedStr, Constant,
  Attribute, Subscript, Starred, Name, List, Tuple, Slice,
  // helpers
  comprehension, ExceptHandler, arguments, arg, keyword, alias, withitem, match_case,
  // patterns
  MatchValue, MatchSingleton, MatchSequence, MatchMapping, MatchClass, MatchStar, MatchAs, MatchOr,
  // PEP 695 type parameters
  TypeVar, ParamSpec, TypeVarTuple,
  // an operator inside Compare.ops (op holds the CmpOp)
  CmpOp,
  // what a syntax error left behind (never in a tree without diagnostics)
  Error,
};

enum class Ctx : uint8_t { Load, Store, Del };
enum class BinOpKind : uint8_t { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv };
enum class UnaryOpKind : uint8_t { Invert, Not, UAdd, USub };
enum class BoolOpKind : uint8_t { And, Or };
enum class CmpOpKind : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };
enum class ConstKind : uint8_t { None, True, False, Ellipsis, Str, Bytes, Int, Float, Complex };

struct Node;

// A list of child nodes (a slice of the arena); entries may be null where CPython has None
// (Dict.keys for `**x`, arguments.kw_defaults).
struct NodeList {
  Node** items = nullptr;
  uint32_t count = 0;
  Node** begin() const { return items; }
  Node** end() const { return items + count; }
  uint32_t size() const { return count; }
  bool empty() const { return count == 0; }
  Node* operator[](size_t i) const { return items[i]; }
  Node* back() const { return items[count - 1]; }
};

// Field layout by kind (CPython's field names):
//   a, b, c  single children   la..le  child lists   name, name2  identifiers
//   op       operator / ConstKind / ctx-free enum    ctx  expression context
//   num      integers: ImportFrom.level, AnnAssign.simple, FormattedValue.conversion,
//            comprehension.is_async
//   str      Constant: decoded value (str/bytes) or the number's source text
// The exact mapping is in ast.cc (field_layout), shared by the AST dump.
struct Node {
  Kind kind = Kind::Error;
  uint8_t op = 0;
  Ctx ctx = Ctx::Load;
  uint8_t flags = 0;  // kParenthesized, kUnicodePrefix, kHasName, kHasName2
  int32_t num = 0;
  Span span;
  std::string_view name, name2;
  std::string_view str;
  const uint32_t* str_source = nullptr;  // Constant str/bytes: file offset of each byte of `str` (+1 end)
  Node* a = nullptr;
  Node* b = nullptr;
  Node* c = nullptr;
  NodeList la, lb, lc, ld, le;

  static constexpr uint8_t kParenthesized = 1;  // written inside ( ) (for AnnAssign.simple)
  static constexpr uint8_t kUnicodePrefix = 2;  // Constant.kind == 'u'
  static constexpr uint8_t kHasName = 4;        // optional identifier `name` present
  static constexpr uint8_t kHasName2 = 8;       // optional identifier `name2` present
  static constexpr uint8_t kApproximate = 16;   // Constant with an unknown \N{...} name

  bool has_name() const { return flags & kHasName; }
  ConstKind const_kind() const { return static_cast<ConstKind>(op); }
  // The file offset a decoded byte of a str/bytes Constant came from.
  uint32_t source_offset(size_t decoded) const {
    if (!str_source) return span.begin;
    return str_source[decoded <= str.size() ? decoded : str.size()];
  }
};

struct Module {
  SourceFilePtr file;
  Node* root = nullptr;  // Kind::Module; body in la
  std::vector<Comment> comments;
  bool has_errors = false;

  explicit Module(size_t source_bytes = 0);
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  Node* new_node(Kind k, Span s);
  Node** new_list(size_t n);
  std::string_view save(std::string_view s);  // copies into the arena
  uint32_t* new_offsets(size_t n);

  NodeList body() const { return root ? root->la : NodeList{}; }

 private:
  std::pmr::monotonic_buffer_resource arena_;
};

// Names for dumps: "FunctionDef", "Add", "Load", "Eq" ...
std::string_view kind_name(Kind k);
std::string_view binop_name(BinOpKind k);
std::string_view unaryop_name(UnaryOpKind k);
std::string_view boolop_name(BoolOpKind k);
std::string_view cmpop_name(CmpOpKind k);
std::string_view ctx_name(Ctx c);
bool is_expression(Kind k);
bool is_statement(Kind k);

}  // namespace miglint::python
