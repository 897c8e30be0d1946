// AST storage (an arena per Module) and the names of kinds and operators.
#include "python/ast.h"

#include <algorithm>

#include <cstring>

namespace miglint::python {

// The first arena block is sized from the source: a typical revision file needs about 12 bytes
// of nodes per byte of text, and a repository holds thousands of them, so a fixed 64 KiB block
// each would dominate peak memory.
Module::Module(size_t source_bytes) : arena_(std::clamp<size_t>(source_bytes * 12, 4 * 1024, 256 * 1024)) {}

Node* Module::new_node(Kind k, Span s) {
  void* mem = arena_.allocate(sizeof(Node), alignof(Node));
  Node* n = new (mem) Node();
  n->kind = k;
  n->span = s;
  return n;
}

Node** Module::new_list(size_t n) {
  if (n == 0) return nullptr;
  return static_cast<Node**>(arena_.allocate(n * sizeof(Node*), alignof(Node*)));
}

std::string_view Module::save(std::string_view s) {
  if (s.empty()) return std::string_view("", 0);
  char* mem = static_cast<char*>(arena_.allocate(s.size(), 1));
  std::memcpy(mem, s.data(), s.size());
  return std::string_view(mem, s.size());
}

uint32_t* Module::new_offsets(size_t n) {
  return static_cast<uint32_t*>(arena_.allocate(n * sizeof(uint32_t), alignof(uint32_t)));
}

std::string_view kind_name(Kind k) {
  static constexpr const char* kNames[] = {
      "Module", "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign",
      "TypeAlias", "AugAssign", "AnnAssign", "For", "AsyncFor", "While", "If", "With", "AsyncWith",
      "Match", "Raise", "Try", "TryStar", "Assert", "Import", "ImportFrom", "Global", "Nonlocal",
      "Expr", "Pass", "Break", "Continue", "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda",
      "IfExp", "Dict", "Set", "ListComp", "SetComp", "DictComp", "GeneratorExp", "Await", "Yield",
      "YieldFrom", "Compare", "Call", "FormattedValue", "JoinedStr", "Constant", "Attribute",
      "Subscript", "Starred", "Name", "List", "Tuple", "Slice", "comprehension", "ExceptHandler",
      "arguments", "arg", "keyword", "alias", "withitem", "match_case", "MatchValue",
      "MatchSingleton", "MatchSequence", "MatchMapping", "MatchClass", "MatchStar", "MatchAs",
      "MatchOr", "TypeVar", "ParamSpec", "TypeVarTuple", "CmpOp", "Error",
  };
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<size_t>(Kind::Error) + 1);
  return kNames[static_cast<size_t>(k)];
}

std::string_view binop_name(BinOpKind k) {
  static constexpr const char* kNames[] = {"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow",
                                           "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"};
  return kNames[static_cast<size_t>(k)];
}
std::string_view unaryop_name(UnaryOpKind k) {
  static constexpr const char* kNames[] = {"Invert", "Not", "UAdd", "USub"};
  return kNames[static_cast<size_t>(k)];
}
std::string_view boolop_name(BoolOpKind k) { return k == BoolOpKind::And ? "And" : "Or"; }
std::string_view cmpop_name(CmpOpKind k) {
  static constexpr const char* kNames[] = {"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"};
  return kNames[static_cast<size_t>(k)];
}
std::string_view ctx_name(Ctx c) { return c == Ctx::Load ? "Load" : c == Ctx::Store ? "Store" : "Del"; }

bool is_statement(Kind k) { return k >= Kind::FunctionDef && k <= Kind::Continue; }
bool is_expression(Kind k) { return k >= Kind::BoolOp && k <= Kind::Slice; }

}  // namespace miglint::python
