// The facts miglint knows about one revision file, extracted statically from its Python AST.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "base/span.h"

namespace miglint::python {
struct Module;  // src/python/ast.h
struct Node;
}

namespace miglint::alembic {

// A string value found in the source, with the span of the expression that produced it.
struct StringValue {
  std::string value;
  Span span;
};

// How a module-level variable such as `down_revision` was written.
enum class ValueForm {
  Absent,   // no assignment at module level
  None,     // `= None`
  String,   // `= "abc"` (or a folded constant / concatenation)
  Sequence, // tuple, list or set of strings
  Dynamic,  // something miglint cannot evaluate statically (reported, never guessed)
};

struct RevisionVariable {
  ValueForm form = ValueForm::Absent;
  std::vector<StringValue> values;  // one for String, n for Sequence
  Span span;                        // the whole assignment statement
  Span value_span;                  // the right-hand side
};

// The shape of an upgrade()/downgrade() body, for missing-downgrade and friends.
enum class BodyKind {
  Absent,          // no such function at module level
  Empty,           // only `pass`, `...`, a docstring, or comments
  OnlyRaises,      // only raises (e.g. NotImplementedError), after an optional docstring
  Implemented,     // anything else
};

// One call inside upgrade()/downgrade(), as the oracle test compares it with CPython's ast.
struct CallSite {
  std::string callee;               // dotted name: "op.add_column", "sa.Enum().create", "?" parts
  Span span;                        // the whole call expression
  std::vector<std::string> keywords;  // keyword argument names in order ("**" for **kwargs)
  const python::Node* node = nullptr;  // the Call node (owned by Revision::module)
};

struct Function {
  BodyKind kind = BodyKind::Absent;
  Span name_span;  // the function name in `def name(`
  Span def_span;   // the whole definition
  std::vector<CallSite> calls;  // every call in the body, ordered by (start, -end)
};

// `Revision ID:`, `Revises:`, `Create Date:` lines of the module docstring.
struct DocHeader {
  std::optional<StringValue> revision_id;
  std::optional<StringValue> revises;      // raw text after "Revises:" (comma-separated ids)
  std::optional<StringValue> create_date;
  std::optional<StringValue> message;      // first line of the docstring
};

struct Revision {
  SourceFilePtr file;
  std::shared_ptr<const python::Module> module;  // null when the file failed to parse at all

  RevisionVariable revision;
  RevisionVariable down_revision;
  RevisionVariable branch_labels;
  RevisionVariable depends_on;
  DocHeader doc;
  Function upgrade;
  Function downgrade;

  // False when the file had Python syntax errors (true for facts built without a module, as in
  // tests): the facts are then partial, and rules that
  // infer something from an absence (no downgrade(), no `revision`) must stay quiet.
  bool parsed_cleanly() const;

  // Convenience: the id, or "" when `revision` is absent or not a single string.
  const std::string& id() const;
  // Down revisions as ids (empty for a base revision).
  std::vector<std::string> down_ids() const;
  std::vector<std::string> labels() const;
  std::vector<std::string> dependencies() const;
};

}  // namespace miglint::alembic
