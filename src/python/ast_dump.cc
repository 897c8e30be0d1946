// The canonical AST dump. Field order follows CPython 3.11's ast module (Python.asdl), so the
// oracle's generic walk over node._fields gives the same text.
#include "python/ast_dump.h"

#include <fmt/format.h>

namespace miglint::python {

namespace {

enum class Slot : uint8_t { A, B, C, LA, LB, LC, LD, LE, Name, OptName, OptName2, Op, Ctx, Num, Value, ConstKindU,
                            IdList, CmpOps, Singleton };
struct Field {
  const char* name;
  Slot slot;
};
struct Layout {
  std::initializer_list<Field> fields;
};

const std::initializer_list<Field>& layout(Kind k) {
  using S = Slot;
  static const std::initializer_list<Field> empty{};
  static const std::initializer_list<Field> module{{"body", S::LA}};
  static const std::initializer_list<Field> funcdef{{"name", S::Name}, {"args", S::A}, {"body", S::LA},
                                                    {"decorator_list", S::LB}, {"returns", S::B}};
  static const std::initializer_list<Field> classdef{{"name", S::Name}, {"bases", S::LA}, {"keywords", S::LB},
                                                     {"body", S::LC}, {"decorator_list", S::LD}};
  static const std::initializer_list<Field> value_a{{"value", S::A}};
  static const std::initializer_list<Field> del{{"targets", S::LA}};
  static const std::initializer_list<Field> assign{{"targets", S::LA}, {"value", S::A}};
  static const std::initializer_list<Field> typealias{{"name", S::A}, {"type_params", S::LA}, {"value", S::B}};
  static const std::initializer_list<Field> augassign{{"target", S::A}, {"op", S::Op}, {"value", S::B}};
  static const std::initializer_list<Field> annassign{{"target", S::A}, {"annotation", S::B}, {"value", S::C},
                                                      {"simple", S::Num}};
  static const std::initializer_list<Field> for_{{"target", S::A}, {"iter", S::B}, {"body", S::LA}, {"orelse", S::LB}};
  static const std::initializer_list<Field> while_{{"test", S::A}, {"body", S::LA}, {"orelse", S::LB}};
  static const std::initializer_list<Field> with{{"items", S::LA}, {"body", S::LB}};
  static const std::initializer_list<Field> match{{"subject", S::A}, {"cases", S::LA}};
  static const std::initializer_list<Field> raise{{"exc", S::A}, {"cause", S::B}};
  static const std::initializer_list<Field> try_{{"body", S::LA}, {"handlers", S::LB}, {"orelse", S::LC},
                                                 {"finalbody", S::LD}};
  static const std::initializer_list<Field> assert_{{"test", S::A}, {"msg", S::B}};
  static const std::initializer_list<Field> import{{"names", S::LA}};
  static const std::initializer_list<Field> importfrom{{"module", S::OptName}, {"names", S::LA}, {"level", S::Num}};
  static const std::initializer_list<Field> global{{"names", S::IdList}};
  static const std::initializer_list<Field> boolop{{"op", S::Op}, {"values", S::LA}};
  static const std::initializer_list<Field> namedexpr{{"target", S::A}, {"value", S::B}};
  static const std::initializer_list<Field> binop{{"left", S::A}, {"op", S::Op}, {"right", S::B}};
  static const std::initializer_list<Field> unaryop{{"op", S::Op}, {"operand", S::A}};
  static const std::initializer_list<Field> lambda{{"args", S::A}, {"body", S::B}};
  static const std::initializer_list<Field> ifexp{{"test", S::A}, {"body", S::B}, {"orelse", S::C}};
  static const std::initializer_list<Field> dict{{"keys", S::LA}, {"values", S::LB}};
  static const std::initializer_list<Field> elts{{"elts", S::LA}};
  static const std::initializer_list<Field> comp{{"elt", S::A}, {"generators", S::LA}};
  static const std::initializer_list<Field> dictcomp{{"key", S::A}, {"value", S::B}, {"generators", S::LA}};
  static const std::initializer_list<Field> compare{{"left", S::A}, {"ops", S::CmpOps}, {"comparators", S::LA}};
  static const std::initializer_list<Field> call{{"func", S::A}, {"args", S::LA}, {"keywords", S::LB}};
  static const std::initializer_list<Field> formatted{{"value", S::A}, {"conversion", S::Num}, {"format_spec", S::B}};
  static const std::initializer_list<Field> joined{{"values", S::LA}};
  static const std::initializer_list<Field> constant{{"value", S::Value}, {"kind", S::ConstKindU}};
  static const std::initializer_list<Field> attribute{{"value", S::A}, {"attr", S::Name}, {"ctx", S::Ctx}};
  static const std::initializer_list<Field> subscript{{"value", S::A}, {"slice", S::B}, {"ctx", S::Ctx}};
  static const std::initializer_list<Field> starred{{"value", S::A}, {"ctx", S::Ctx}};
  static const std::initializer_list<Field> name{{"id", S::Name}, {"ctx", S::Ctx}};
  static const std::initializer_list<Field> list{{"elts", S::LA}, {"ctx", S::Ctx}};
  static const std::initializer_list<Field> slice{{"lower", S::A}, {"upper", S::B}, {"step", S::C}};
  static const std::initializer_list<Field> comprehension{{"target", S::A}, {"iter", S::B}, {"ifs", S::LA},
                                                          {"is_async", S::Num}};
  static const std::initializer_list<Field> handler{{"type", S::A}, {"name", S::OptName}, {"body", S::LA}};
  static const std::initializer_list<Field> arguments{{"posonlyargs", S::LA}, {"args", S::LB}, {"vararg", S::A},
                                                      {"kwonlyargs", S::LC}, {"kw_defaults", S::LD},
                                                      {"kwarg", S::B}, {"defaults", S::LE}};
  static const std::initializer_list<Field> arg{{"arg", S::Name}, {"annotation", S::A}};
  static const std::initializer_list<Field> keyword{{"arg", S::OptName}, {"value", S::A}};
  static const std::initializer_list<Field> alias{{"name", S::Name}, {"asname", S::OptName2}};
  static const std::initializer_list<Field> withitem{{"context_expr", S::A}, {"optional_vars", S::B}};
  static const std::initializer_list<Field> match_case{{"pattern", S::A}, {"guard", S::B}, {"body", S::LA}};
  static const std::initializer_list<Field> singleton{{"value", S::Singleton}};
  static const std::initializer_list<Field> patterns{{"patterns", S::LA}};
  static const std::initializer_list<Field> mapping{{"keys", S::LA}, {"patterns", S::LB}, {"rest", S::OptName}};
  static const std::initializer_list<Field> matchclass{{"cls", S::A}, {"patterns", S::LA}, {"kwd_attrs", S::IdList},
                                                       {"kwd_patterns", S::LC}};
  static const std::initializer_list<Field> matchstar{{"name", S::OptName}};
  static const std::initializer_list<Field> matchas{{"pattern", S::A}, {"name", S::OptName}};
  static const std::initializer_list<Field> typevar{{"name", S::Name}, {"bound", S::A}};
  static const std::initializer_list<Field> typevar_plain{{"name", S::Name}};
  switch (k) {
    case Kind::Module: return module;
    case Kind::FunctionDef: case Kind::AsyncFunctionDef: return funcdef;
    case Kind::ClassDef: return classdef;
    case Kind::Return: case Kind::Expr: case Kind::Await: case Kind::Yield: case Kind::YieldFrom:
    case Kind::MatchValue: return value_a;
    case Kind::Delete: return del;
    case Kind::Assign: return assign;
    case Kind::TypeAlias: return typealias;
    case Kind::AugAssign: return augassign;
    case Kind::AnnAssign: return annassign;
    case Kind::For: case Kind::AsyncFor: return for_;
    case Kind::While: case Kind::If: return while_;
    case Kind::With: case Kind::AsyncWith: return with;
    case Kind::Match: return match;
    case Kind::Raise: return raise;
    case Kind::Try: case Kind::TryStar: return try_;
    case Kind::Assert: return assert_;
    case Kind::Import: return import;
    case Kind::ImportFrom: return importfrom;
    case Kind::Global: case Kind::Nonlocal: return global;
    case Kind::BoolOp: return boolop;
    case Kind::NamedExpr: return namedexpr;
    case Kind::BinOp: return binop;
    case Kind::UnaryOp: return unaryop;
    case Kind::Lambda: return lambda;
    case Kind::IfExp: return ifexp;
    case Kind::Dict: return dict;
    case Kind::Set: return elts;
    case Kind::ListComp: case Kind::SetComp: case Kind::GeneratorExp: return comp;
    case Kind::DictComp: return dictcomp;
    case Kind::Compare: return compare;
    case Kind::Call: return call;
    case Kind::FormattedValue: return formatted;
    case Kind::JoinedStr: return joined;
    case Kind::Constant: return constant;
    case Kind::Attribute: return attribute;
    case Kind::Subscript: return subscript;
    case Kind::Starred: return starred;
    case Kind::Name: return name;
    case Kind::List: case Kind::Tuple: return list;
    case Kind::Slice: return slice;
    case Kind::comprehension: return comprehension;
    case Kind::ExceptHandler: return handler;
    case Kind::arguments: return arguments;
    case Kind::arg: return arg;
    case Kind::keyword: return keyword;
    case Kind::alias: return alias;
    case Kind::withitem: return withitem;
    case Kind::match_case: return match_case;
    case Kind::MatchSingleton: return singleton;
    case Kind::MatchSequence: case Kind::MatchOr: return patterns;
    case Kind::MatchMapping: return mapping;
    case Kind::MatchClass: return matchclass;
    case Kind::MatchStar: return matchstar;
    case Kind::MatchAs: return matchas;
    case Kind::TypeVar: return typevar;
    case Kind::ParamSpec: case Kind::TypeVarTuple: return typevar_plain;
    default: return empty;
  }
}

bool has_position(Kind k) {
  return is_statement(k) || is_expression(k) || k == Kind::ExceptHandler || k == Kind::arg ||
         k == Kind::keyword || k == Kind::alias || (k >= Kind::MatchValue && k <= Kind::TypeVarTuple) ||
         k == Kind::Error;
}

class Dumper {
 public:
  explicit Dumper(const Module& m) : m_(m), bom_(m.file->text().compare(0, 3, "\xEF\xBB\xBF") == 0) {}

  void node(const Node* n, int indent, std::string_view label, int in_fstring) {
    out_.append(indent, ' ');
    out_ += label;
    out_ += kind_name(n->kind);
    if (has_position(n->kind) && !in_fstring) {
      LineCol b = m_.file->line_col(n->span.begin), e = m_.file->line_col(n->span.end);
      uint32_t bc = b.column - 1 - (bom_ && b.line == 1 ? 3 : 0);
      uint32_t ec = e.column - 1 - (bom_ && e.line == 1 ? 3 : 0);
      fmt::format_to(std::back_inserter(out_), " @{}:{}-{}:{}", b.line, bc, e.line, ec);
    }
    // 1: inside a JoinedStr, 2: inside a format spec (CPython 3.11 sets Constant.kind there
    // inconsistently, so it is left out of both dumps).
    int child_fstring = n->kind == Kind::FormattedValue ? 2 : n->kind == Kind::JoinedStr && !in_fstring ? 1 : in_fstring;
    for (const Field& f : layout(n->kind)) {
      if (f.slot == Slot::ConstKindU && in_fstring == 2) continue;
      scalar(n, f);
    }
    out_ += '\n';
    for (const Field& f : layout(n->kind)) children(n, f, indent + 2, child_fstring);
  }

  std::string take() { return std::move(out_); }

 private:
  void scalar(const Node* n, const Field& f) {
    std::string& o = out_;
    auto key = [&] { o += ' '; o += f.name; o += '='; };
    switch (f.slot) {
      case Slot::Name: key(); append_json_string(o, n->name); break;
      case Slot::OptName:
        key();
        if (n->flags & Node::kHasName) append_json_string(o, n->name);
        else o += "None";
        break;
      case Slot::OptName2:
        key();
        if (n->flags & Node::kHasName2) append_json_string(o, n->name2);
        else o += "None";
        break;
      case Slot::Op:
        key();
        if (n->kind == Kind::BoolOp) o += boolop_name(static_cast<BoolOpKind>(n->op));
        else if (n->kind == Kind::UnaryOp) o += unaryop_name(static_cast<UnaryOpKind>(n->op));
        else o += binop_name(static_cast<BinOpKind>(n->op));
        break;
      case Slot::Ctx: key(); o += ctx_name(n->ctx); break;
      case Slot::Num: key(); o += std::to_string(n->num); break;
      case Slot::Value: key(); constant(n); break;
      case Slot::Singleton: key(); constant(n); break;
      case Slot::ConstKindU: key(); o += (n->flags & Node::kUnicodePrefix) ? "\"u\"" : "None"; break;
      case Slot::IdList: {
        key();
        const NodeList& l = n->kind == Kind::MatchClass ? n->lb : n->la;
        o += '[';
        for (uint32_t i = 0; i < l.size(); ++i) {
          if (i) o += ',';
          append_json_string(o, l[i]->name);
        }
        o += ']';
        break;
      }
      case Slot::CmpOps: {
        key();
        o += '[';
        for (uint32_t i = 0; i < n->lb.size(); ++i) {
          if (i) o += ',';
          o += cmpop_name(static_cast<CmpOpKind>(n->lb[i]->op));
        }
        o += ']';
        break;
      }
      default: break;
    }
  }

  void constant(const Node* n) {
    switch (n->const_kind()) {
      case ConstKind::None: out_ += "None"; break;
      case ConstKind::True: out_ += "True"; break;
      case ConstKind::False: out_ += "False"; break;
      case ConstKind::Ellipsis: out_ += "Ellipsis"; break;
      case ConstKind::Str: append_json_string(out_, n->str); break;
      case ConstKind::Bytes: {
        std::string latin1;
        for (unsigned char c : n->str) utf8_append(latin1, c);
        out_ += 'b';
        append_json_string(out_, latin1);
        break;
      }
      case ConstKind::Int: case ConstKind::Float: case ConstKind::Complex:
        out_ += "num(";
        out_ += n->str;
        out_ += ')';
        break;
    }
  }

  void children(const Node* n, const Field& f, int indent, int in_fstring) {
    const Node* single = nullptr;
    const NodeList* list = nullptr;
    switch (f.slot) {
      case Slot::A: single = n->a; break;
      case Slot::B: single = n->b; break;
      case Slot::C: single = n->c; break;
      case Slot::LA: list = &n->la; break;
      case Slot::LB: list = &n->lb; break;
      case Slot::LC: list = &n->lc; break;
      case Slot::LD: list = &n->ld; break;
      case Slot::LE: list = &n->le; break;
      default: return;
    }
    if (list) {
      out_.append(indent, ' ');
      fmt::format_to(std::back_inserter(out_), "{}[{}]:\n", f.name, list->size());
      for (const Node* c : *list) {
        if (c) {
          node(c, indent + 2, "- ", in_fstring);
        } else {
          out_.append(indent + 2, ' ');
          out_ += "- None\n";
        }
      }
      return;
    }
    if (single) {
      node(single, indent, std::string(f.name) + ": ", in_fstring);
    } else {
      out_.append(indent, ' ');
      out_ += f.name;
      out_ += ": None\n";
    }
  }

  const Module& m_;
  bool bom_;
  std::string out_;
};

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7f) {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    int len = 1;
    uint32_t cp = c < 0x80 ? c : utf8_decode(s, i, len);
    i += len;
    switch (cp) {
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    if (cp >= 0x10000) {
      uint32_t v = cp - 0x10000;
      fmt::format_to(std::back_inserter(out), "\\u{:04x}\\u{:04x}", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
    } else {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", cp);
    }
  }
  out += '"';
}

std::string dump_ast(const Module& module) {
  Dumper d(module);
  if (module.root) d.node(module.root, 0, "", 0);
  return d.take();
}

}  // namespace miglint::python
