#include <catch2/catch.hpp>

#include "alembic/revision_facts.h"
#include "python/ast.h"

using namespace miglint;
using namespace miglint::alembic;

namespace {
Revision facts(std::string text, std::vector<Diagnostic>* diags = nullptr) {
  std::vector<Diagnostic> local;
  return load_revision(std::make_shared<SourceFile>("r.py", std::move(text)), diags ? *diags : local);
}
std::vector<std::string> callees(const Function& f) {
  std::vector<std::string> out;
  for (const auto& c : f.calls) out.push_back(c.callee);
  return out;
}
}  // namespace

TEST_CASE("revision facts: plain and annotated revision variables", "[alembic][facts]") {
  Revision r = facts(
      "revision: str = 'abc'\n"
      "down_revision: Union[str, None] = \"def\"\n"
      "branch_labels: Union[str, Sequence[str], None] = None\n"
      "depends_on: Optional[Sequence[str]] = ('x', 'y')\n");
  CHECK(r.id() == "abc");
  CHECK(r.down_revision.form == ValueForm::String);
  CHECK(r.down_ids() == std::vector<std::string>{"def"});
  CHECK(r.branch_labels.form == ValueForm::None);
  CHECK(r.depends_on.form == ValueForm::Sequence);
  CHECK(r.dependencies() == std::vector<std::string>{"x", "y"});
  CHECK(r.file->slice(r.down_revision.value_span) == "\"def\"");
  CHECK(r.file->line_col(r.down_revision.span.begin) == LineCol{2, 1});
}

TEST_CASE("revision facts: constants are folded, unknowns are dynamic", "[alembic][facts]") {
  Revision r = facts(
      "PREVIOUS = 'ab' 'cd'\n"
      "BASE = PREVIOUS + '_x'\n"
      "revision = f'rev1'\n"
      "down_revision = [PREVIOUS, BASE]\n"
      "branch_labels = compute()\n"
      "depends_on = UNKNOWN\n");
  CHECK(r.id() == "rev1");
  CHECK(r.down_ids() == std::vector<std::string>{"abcd", "abcd_x"});
  CHECK(r.file->slice(r.down_revision.values[0].span) == "PREVIOUS");  // where it is used
  CHECK(r.branch_labels.form == ValueForm::Dynamic);
  CHECK(r.branch_labels.values.empty());
  CHECK(r.depends_on.form == ValueForm::Dynamic);
}

TEST_CASE("revision facts: the last module-level assignment wins; conditional ones are dynamic", "[alembic][facts]") {
  Revision r = facts(
      "revision = 'a'\n"
      "revision = 'b'\n"
      "down_revision = 'x'\n"
      "if FLAG:\n"
      "    down_revision = 'y'\n"
      "revision2, depends_on = 'q', ('d1',)\n");
  CHECK(r.id() == "b");
  CHECK(r.down_revision.form == ValueForm::Dynamic);
  CHECK(r.dependencies() == std::vector<std::string>{"d1"});
  CHECK(r.revision.form == ValueForm::String);
  Revision missing = facts("x = 1\n");
  CHECK(missing.revision.form == ValueForm::Absent);
  CHECK(missing.id().empty());
}

TEST_CASE("revision facts: docstring header", "[alembic][facts]") {
  Revision r = facts(
      "\"\"\"Add users table\n"
      "\n"
      "Revision ID: abc123\n"
      "Revises: def456, 0a1b\n"
      "Create Date: 2024-01-01 12:00:00.000000\n"
      "\n"
      "\"\"\"\n");
  REQUIRE(r.doc.message);
  CHECK(r.doc.message->value == "Add users table");
  REQUIRE(r.doc.revision_id);
  CHECK(r.doc.revision_id->value == "abc123");
  CHECK(r.file->line_col(r.doc.revision_id->span.begin) == LineCol{3, 14});
  CHECK(r.file->slice(r.doc.revision_id->span) == "abc123");
  REQUIRE(r.doc.revises);
  CHECK(r.doc.revises->value == "def456, 0a1b");
  REQUIRE(r.doc.create_date);
  CHECK(r.doc.create_date->value == "2024-01-01 12:00:00.000000");
  Revision base = facts("\"\"\"m\n\nRevises:\n\"\"\"\n");
  REQUIRE(base.doc.revises);
  CHECK(base.doc.revises->value.empty());
}

TEST_CASE("revision facts: body kinds", "[alembic][facts]") {
  CHECK(facts("def upgrade(): pass\n").upgrade.kind == BodyKind::Empty);
  CHECK(facts("def upgrade():\n    '''doc'''\n    ...\n").upgrade.kind == BodyKind::Empty);
  CHECK(facts("def upgrade():\n    # ### commands ###\n    pass\n").upgrade.kind == BodyKind::Empty);
  CHECK(facts("def downgrade():\n    '''doc'''\n    raise NotImplementedError()\n").downgrade.kind ==
        BodyKind::OnlyRaises);
  CHECK(facts("def upgrade():\n    op.drop_table('t')\n").upgrade.kind == BodyKind::Implemented);
  CHECK(facts("x = 1\n").downgrade.kind == BodyKind::Absent);
  // the last definition wins, as in Python
  Revision r = facts("def upgrade():\n    op.a()\n\ndef upgrade():\n    pass\n");
  CHECK(r.upgrade.kind == BodyKind::Empty);
  CHECK(r.upgrade.calls.empty());
  CHECK(r.file->slice(r.upgrade.name_span) == "upgrade");
  CHECK(r.file->line_col(r.upgrade.def_span.begin) == LineCol{4, 1});
}

TEST_CASE("revision facts: calls in order with dotted callees and keywords", "[alembic][facts]") {
  Revision r = facts(
      "def upgrade():\n"
      "    op.add_column('t', sa.Column('c', sa.String(10), nullable=False, **kw))\n"
      "    sa.Enum('a', name='e').create(op.get_bind(), checkfirst=True)\n"
      "    helpers[0](x)\n"
      "    (lambda: 1)()\n"
      "    with op.batch_alter_table('t') as b:\n"
      "        b.drop_column('c')\n");
  CHECK(callees(r.upgrade) == std::vector<std::string>{"op.add_column", "sa.Column", "sa.String", "sa.Enum().create",
                                                        "sa.Enum", "op.get_bind", "helpers[]", "?",
                                                        "op.batch_alter_table", "b.drop_column"});
  CHECK(r.upgrade.calls[1].keywords == std::vector<std::string>{"nullable", "**"});
  CHECK(r.upgrade.calls[3].keywords == std::vector<std::string>{"checkfirst"});
  CHECK(r.file->slice(r.upgrade.calls[2].span) == "sa.String(10)");
  REQUIRE(r.upgrade.calls[0].node);
  CHECK(r.upgrade.calls[0].node->kind == python::Kind::Call);
  CHECK(r.module);
}

TEST_CASE("revision facts: a file with syntax errors still yields facts", "[alembic][facts]") {
  std::vector<Diagnostic> diags;
  Revision r = facts("revision = 'a'\ndown_revision = None\n\ndef upgrade():\n    op.create_index('ix', 't', ['c'] unique=True)\n\ndef downgrade():\n    op.drop_index('ix')\n", &diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "python-syntax-error");
  CHECK(r.id() == "a");
  CHECK(r.upgrade.kind == BodyKind::Implemented);  // an Error node, not an empty body
  CHECK(r.downgrade.calls.size() == 1);
}
