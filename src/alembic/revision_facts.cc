// Revision facts from the AST. Python runs a module top to bottom, so the last module-level
// assignment wins; an assignment nested in a compound statement (if/try/for...) makes the
// variable Dynamic because which branch runs is unknown statically.
#include "alembic/revision_facts.h"

#include <algorithm>
#include <map>

#include "python/ast.h"
#include "python/parser.h"

namespace miglint::alembic {

using python::ConstKind;
using python::Kind;
using python::Node;

namespace {

// A statically known value: None, a string or a sequence of strings.
struct Value {
  ValueForm form = ValueForm::Dynamic;
  std::vector<StringValue> values;
};

class Facts {
 public:
  Facts(const python::Module& m, Revision& r) : m_(m), r_(r) {}

  void run() {
    python::NodeList body = m_.body();
    for (size_t i = 0; i < body.size(); ++i) {
      const Node* s = body[i];
      if (i == 0) docstring(s);
      switch (s->kind) {
        case Kind::Assign:
          for (const Node* t : s->la) assign(t, s->a, s);
          break;
        case Kind::AnnAssign:
          if (s->c) assign(s->a, s->c, s);
          break;
        case Kind::AugAssign:
          if (s->a->kind == Kind::Name) set(s->a->name, Value{}, s, s->b);
          break;
        case Kind::FunctionDef: case Kind::AsyncFunctionDef:
          if (s->name == "upgrade") function(s, r_.upgrade);
          else if (s->name == "downgrade") function(s, r_.downgrade);
          env_.erase(std::string(s->name));
          break;
        default:
          if (python::is_statement(s->kind)) dynamic_assignments(s);
          break;
      }
    }
  }

 private:
  // Which revision variable a name is, if any.
  RevisionVariable* variable(std::string_view name) {
    if (name == "revision") return &r_.revision;
    if (name == "down_revision") return &r_.down_revision;
    if (name == "branch_labels") return &r_.branch_labels;
    if (name == "depends_on") return &r_.depends_on;
    return nullptr;
  }

  void set(std::string_view name, Value v, const Node* stmt, const Node* rhs) {
    if (RevisionVariable* var = variable(name)) {
      var->form = v.form;
      var->values = v.form == ValueForm::Dynamic ? std::vector<StringValue>{} : v.values;
      var->span = stmt->span;
      var->value_span = rhs ? rhs->span : stmt->span;
    }
    env_[std::string(name)] = std::move(v);
  }

  void assign(const Node* target, const Node* value, const Node* stmt) {
    if (target->kind == Kind::Name) {
      set(target->name, eval(value), stmt, value);
    } else if ((target->kind == Kind::Tuple || target->kind == Kind::List) &&
               (value->kind == Kind::Tuple || value->kind == Kind::List) && target->la.size() == value->la.size()) {
      // `a, b = "x", "y"`: Python evaluates the whole right side first, then assigns.
      std::vector<Value> vals;
      for (const Node* v : value->la) vals.push_back(eval(v));
      for (size_t i = 0; i < target->la.size(); ++i) {
        const Node* t = target->la[i];
        if (t->kind == Kind::Name) set(t->name, vals[i], stmt, value->la[i]);
        else mark_targets_dynamic(t, stmt);
      }
    } else {
      mark_targets_dynamic(target, stmt);
    }
  }

  void mark_targets_dynamic(const Node* t, const Node* stmt) {
    if (t->kind == Kind::Name) set(t->name, Value{}, stmt, nullptr);
    else if (t->kind == Kind::Tuple || t->kind == Kind::List) for (const Node* e : t->la) mark_targets_dynamic(e, stmt);
    else if (t->kind == Kind::Starred) mark_targets_dynamic(t->a, stmt);
  }

  // Any name bound inside a module-level compound statement (or by import, del...) is unknown.
  void dynamic_assignments(const Node* s) {
    walk(s, [&](const Node* n) {
      if (n->kind == Kind::Name && n->ctx != python::Ctx::Load) set(n->name, Value{}, s, nullptr);
      else if ((n->kind == Kind::FunctionDef || n->kind == Kind::AsyncFunctionDef || n->kind == Kind::ClassDef) &&
               variable(n->name)) set(n->name, Value{}, s, nullptr);
      else if (n->kind == Kind::alias) {
        std::string_view bound = (n->flags & Node::kHasName2) ? n->name2 : n->name.substr(0, n->name.find('.'));
        set(bound, Value{}, s, nullptr);
      }
      return n->kind != Kind::FunctionDef && n->kind != Kind::AsyncFunctionDef && n->kind != Kind::Lambda &&
             n->kind != Kind::ClassDef;  // their bodies bind local names only
    });
  }

  template <typename F>
  static void walk(const Node* n, F&& visit) {
    if (!n) return;
    if (!visit(n)) return;
    for (const Node* c : {n->a, n->b, n->c}) walk(c, visit);
    for (const python::NodeList* l : {&n->la, &n->lb, &n->lc, &n->ld, &n->le})
      for (const Node* c : *l) walk(c, visit);
  }

  Value eval(const Node* e) {
    Value v;
    switch (e->kind) {
      case Kind::Constant:
        if (e->const_kind() == ConstKind::None) v.form = ValueForm::None;
        else if (e->const_kind() == ConstKind::Str && !(e->flags & Node::kApproximate)) {
          v.form = ValueForm::String;
          v.values.push_back(StringValue{std::string(e->str), e->span});
        }
        return v;
      case Kind::JoinedStr: {  // an f-string without fields is a constant
        std::string s;
        for (const Node* part : e->la) {
          if (part->kind != Kind::Constant) return v;
          s += part->str;
        }
        v.form = ValueForm::String;
        v.values.push_back(StringValue{std::move(s), e->span});
        return v;
      }
      case Kind::Name: {
        auto it = env_.find(std::string(e->name));
        if (it == env_.end()) return v;
        v = it->second;
        for (auto& sv : v.values) sv.span = e->span;  // where the value is used
        return v;
      }
      case Kind::BinOp: {
        if (static_cast<python::BinOpKind>(e->op) != python::BinOpKind::Add) return v;
        Value l = eval(e->a), r = eval(e->b);
        if (l.form == ValueForm::String && r.form == ValueForm::String) {
          v.form = ValueForm::String;
          v.values.push_back(StringValue{l.values[0].value + r.values[0].value, e->span});
        } else if (l.form == ValueForm::Sequence && r.form == ValueForm::Sequence) {
          v = l;  // tuple + tuple
          v.values.insert(v.values.end(), r.values.begin(), r.values.end());
        }
        return v;
      }
      case Kind::Tuple: case Kind::List: case Kind::Set: {
        v.form = ValueForm::Sequence;
        for (const Node* el : e->la) {
          Value x = eval(el);
          if (x.form != ValueForm::String) return Value{};
          v.values.push_back(std::move(x.values[0]));
        }
        return v;
      }
      default:
        return v;
    }
  }

  void docstring(const Node* s) {
    if (s->kind != Kind::Expr || s->a->kind != Kind::Constant || s->a->const_kind() != ConstKind::Str) return;
    const Node* c = s->a;
    std::string_view text = c->str;
    auto piece = [&](size_t b, size_t e) {
      while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
      while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
      uint32_t sb = c->source_offset(b);
      uint32_t se = e > b ? c->source_offset(e - 1) + 1 : sb;
      return StringValue{std::string(text.substr(b, e - b)), Span{sb, se}};
    };
    size_t pos = 0;
    bool first = true;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      size_t b = pos;
      while (b < nl && (text[b] == ' ' || text[b] == '\t')) ++b;
      std::string_view line = text.substr(b, nl - b);
      if (first && line.find_first_not_of(" \t\r") != std::string_view::npos) {
        r_.doc.message = piece(b, nl);
        first = false;
      }
      for (auto [key, slot] : {std::pair<std::string_view, std::optional<StringValue>*>{"Revision ID:", &r_.doc.revision_id},
                               {"Revises:", &r_.doc.revises},
                               {"Create Date:", &r_.doc.create_date}}) {
        if (line.substr(0, key.size()) == key && !*slot) *slot = piece(b + key.size(), nl);
      }
      pos = nl + 1;
    }
  }

  void function(const Node* def, Function& f) {
    f = Function{};  // the last definition wins
    f.def_span = def->span;
    f.name_span = Span{static_cast<uint32_t>(def->num), static_cast<uint32_t>(def->num + def->name.size())};
    bool any = false, all_raise = true;
    for (size_t i = 0; i < def->la.size(); ++i) {
      const Node* s = def->la[i];
      bool trivial = s->kind == Kind::Pass ||
                     (s->kind == Kind::Expr && s->a->kind == Kind::Constant &&
                      (s->a->const_kind() == ConstKind::Ellipsis || s->a->const_kind() == ConstKind::Str));
      if (trivial) continue;
      any = true;
      if (s->kind != Kind::Raise) all_raise = false;
    }
    f.kind = !any ? BodyKind::Empty : all_raise ? BodyKind::OnlyRaises : BodyKind::Implemented;
    std::vector<const Node*> calls;
    for (const Node* s : def->la) walk(s, [&](const Node* n) {
      if (n->kind == Kind::Call) calls.push_back(n);
      return true;
    });
    std::stable_sort(calls.begin(), calls.end(), [](const Node* a, const Node* b) {
      if (a->span.begin != b->span.begin) return a->span.begin < b->span.begin;
      return a->span.end > b->span.end;
    });
    for (const Node* c : calls) {
      CallSite site;
      site.callee = callee(c->a);
      site.span = c->span;
      site.node = c;
      for (const Node* k : c->lb) site.keywords.push_back(k->has_name() ? std::string(k->name) : "**");
      f.calls.push_back(std::move(site));
    }
  }

  static std::string callee(const Node* e) {
    switch (e->kind) {
      case Kind::Name: return std::string(e->name);
      case Kind::Attribute: return callee(e->a) + "." + std::string(e->name);
      case Kind::Call: return callee(e->a) + "()";
      case Kind::Subscript: return callee(e->a) + "[]";
      default: return "?";
    }
  }

  const python::Module& m_;
  Revision& r_;
  std::map<std::string, Value, std::less<>> env_;
};

}  // namespace

Revision extract_revision(SourceFilePtr file, std::shared_ptr<const python::Module> module,
                          std::vector<Diagnostic>& diags) {
  (void)diags;
  Revision r;
  r.file = std::move(file);
  r.module = module;
  if (module && module->root) Facts(*module, r).run();
  return r;
}

Revision load_revision(SourceFilePtr file, std::vector<Diagnostic>& diags) {
  std::shared_ptr<const python::Module> module = python::parse_module(file, diags);
  return extract_revision(std::move(file), std::move(module), diags);
}

std::string_view value_form_name(ValueForm f) {
  switch (f) {
    case ValueForm::Absent: return "absent";
    case ValueForm::None: return "none";
    case ValueForm::String: return "string";
    case ValueForm::Sequence: return "sequence";
    case ValueForm::Dynamic: return "dynamic";
  }
  return "dynamic";
}

std::string_view body_kind_name(BodyKind k) {
  switch (k) {
    case BodyKind::Absent: return "absent";
    case BodyKind::Empty: return "empty";
    case BodyKind::OnlyRaises: return "only_raises";
    case BodyKind::Implemented: return "implemented";
  }
  return "absent";
}

}  // namespace miglint::alembic
