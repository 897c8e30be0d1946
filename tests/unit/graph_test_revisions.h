// Test support: realistic Alembic revision files built by hand (text plus the facts the parser
// would extract, with spans into that text), so graph and rule tests do not need the parser.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alembic/project.h"

namespace miglint::testing {

struct RevSpec {
  std::string id;
  std::vector<std::string> down;    // empty: `down_revision = None`
  std::vector<std::string> labels;  // empty: `branch_labels = None`
  std::vector<std::string> deps;    // empty: `depends_on = None`
  std::string path;                 // default: versions/<id>_step.py
  bool down_tuple = false;          // write a one-element down_revision as a tuple
  bool down_absent = false;         // no `down_revision` line at all
  bool revision_absent = false;     // no `revision` line at all
  bool revision_dynamic = false;    // `revision = make_id()`
  bool down_dynamic = false;        // `down_revision = previous()`
  std::optional<std::string> doc_revision_id;  // default: id
  std::optional<std::string> doc_revises;      // default: down joined with ", "
  alembic::BodyKind upgrade = alembic::BodyKind::Implemented;
  alembic::BodyKind downgrade = alembic::BodyKind::Implemented;
};

// Appends text while remembering where pieces land.
class TextBuilder {
 public:
  Span add(const std::string& s) {
    Span sp{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(text_.size() + s.size())};
    text_ += s;
    return sp;
  }
  std::string& text() { return text_; }

 private:
  std::string text_;
};

inline std::string join_ids(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

// Writes `name = <value>` where value is None, "x", or ("a", "b"); fills the variable's spans.
inline void add_variable(TextBuilder& b, const std::string& name, const std::vector<std::string>& values,
                         bool as_tuple, alembic::RevisionVariable& var) {
  uint32_t start = b.add(name + " = ").begin;
  var.value_span.begin = static_cast<uint32_t>(b.text().size());
  if (values.empty()) {
    b.add("None");
    var.form = alembic::ValueForm::None;
  } else if (values.size() == 1 && !as_tuple) {
    b.add("\"");
    var.values.push_back({values[0], b.add(values[0])});
    var.values.back().span.begin -= 1;
    var.values.back().span.end += 1;
    b.add("\"");
    var.form = alembic::ValueForm::String;
  } else {
    b.add("(");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) b.add(", ");
      Span s = b.add("\"" + values[i] + "\"");
      var.values.push_back({values[i], s});
    }
    b.add(values.size() == 1 ? ",)" : ")");
    var.form = alembic::ValueForm::Sequence;
  }
  var.value_span.end = static_cast<uint32_t>(b.text().size());
  var.span = {start, var.value_span.end};
  b.add("\n");
}

inline void add_function(TextBuilder& b, const std::string& name, alembic::BodyKind kind, alembic::Function& fn) {
  fn.kind = kind;
  if (kind == alembic::BodyKind::Absent) return;
  uint32_t start = b.add("def ").begin;
  fn.name_span = b.add(name);
  b.add("() -> None:\n");
  switch (kind) {
    case alembic::BodyKind::Empty: b.add("    pass\n"); break;
    case alembic::BodyKind::OnlyRaises: b.add("    raise NotImplementedError()\n"); break;
    default: b.add(name == "upgrade" ? "    op.add_column(\"users\", sa.Column(\"age\", sa.Integer()))\n"
                                      : "    op.drop_column(\"users\", \"age\")\n");
  }
  fn.def_span = {start, static_cast<uint32_t>(b.text().size())};
  b.add("\n\n");
}

inline alembic::Revision make_revision(const RevSpec& spec) {
  alembic::Revision r;
  TextBuilder b;
  b.add("\"\"\"step " + spec.id + "\n\n");
  b.add("Revision ID: ");
  r.doc.revision_id = alembic::StringValue{spec.doc_revision_id.value_or(spec.id), {}};
  r.doc.revision_id->span = b.add(r.doc.revision_id->value);
  b.add("\nRevises: ");
  r.doc.revises = alembic::StringValue{spec.doc_revises.value_or(join_ids(spec.down)), {}};
  r.doc.revises->span = b.add(r.doc.revises->value);
  b.add("\nCreate Date: 2024-03-01 10:00:00.000000\n\n\"\"\"\n");
  r.doc.message = alembic::StringValue{"step " + spec.id, Span{3, static_cast<uint32_t>(3 + 5 + spec.id.size())}};
  b.add("from alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\n");
  if (spec.revision_dynamic) {
    uint32_t s = b.add("revision = ").begin;
    r.revision.value_span = b.add("make_id()");
    r.revision.span = {s, r.revision.value_span.end};
    r.revision.form = alembic::ValueForm::Dynamic;
    b.add("\n");
  } else if (!spec.revision_absent) {
    add_variable(b, "revision", {spec.id}, false, r.revision);
  }
  if (spec.down_dynamic) {
    uint32_t s = b.add("down_revision = ").begin;
    r.down_revision.value_span = b.add("previous()");
    r.down_revision.span = {s, r.down_revision.value_span.end};
    r.down_revision.form = alembic::ValueForm::Dynamic;
    b.add("\n");
  } else if (!spec.down_absent) {
    add_variable(b, "down_revision", spec.down, spec.down_tuple, r.down_revision);
  }
  add_variable(b, "branch_labels", spec.labels, true, r.branch_labels);
  add_variable(b, "depends_on", spec.deps, false, r.depends_on);
  b.add("\n\n");
  add_function(b, "upgrade", spec.upgrade, r.upgrade);
  add_function(b, "downgrade", spec.downgrade, r.downgrade);
  std::string path = spec.path.empty() ? "versions/" + spec.id + "_step.py" : spec.path;
  r.file = std::make_shared<SourceFile>(path, b.text());
  return r;
}

inline alembic::Project make_project(const std::vector<RevSpec>& specs) {
  alembic::Project p;
  for (const auto& s : specs) p.revisions.push_back(make_revision(s));
  p.graph = alembic::RevisionGraph::build(p.revisions);
  return p;
}

}  // namespace miglint::testing
