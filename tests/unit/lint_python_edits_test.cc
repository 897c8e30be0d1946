// The edits fixes are built from, applied to real revision text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

#include "alembic/revision_facts.h"
#include "lint/python_edits.h"
#include "python/ast.h"

using namespace miglint;

namespace {

std::string apply(std::string text, std::vector<Edit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.span.begin > b.span.begin; });
  for (const Edit& e : edits) text.replace(e.span.begin, e.span.end - e.span.begin, e.replacement);
  return text;
}

struct Loaded {
  std::shared_ptr<SourceFile> file;
  alembic::Revision revision;
};

Loaded load(const std::string& text) {
  std::vector<Diagnostic> diags;
  auto file = std::make_shared<SourceFile>("r.py", text);
  Loaded out{file, alembic::load_revision(file, diags)};
  REQUIRE(out.revision.upgrade.calls.size() >= 1);
  return out;
}

const python::Node& first_op_call(const Loaded& l) { return *l.revision.upgrade.calls.front().node; }

}  // namespace

TEST_CASE("a keyword argument is added after the last argument", "[fix]") {
  const std::string text =
      "from alembic import op\ndef upgrade():\n    op.create_index(\n        \"ix\", \"t\", [\"c\"],\n    )\n";
  auto l = load(text);
  auto edit = lint::add_keyword_argument(*l.file, first_op_call(l), "postgresql_concurrently", "True");
  REQUIRE(edit);
  CHECK(apply(text, {*edit}) ==
        "from alembic import op\ndef upgrade():\n    op.create_index(\n        \"ix\", \"t\", [\"c\"], postgresql_concurrently=True,\n    )\n");
  auto again = load(apply(text, {*edit}));
  CHECK(!lint::add_keyword_argument(*again.file, first_op_call(again), "postgresql_concurrently", "True"));
}

TEST_CASE("a call is wrapped in an autocommit block, keeping CRLF and indentation", "[fix]") {
  const std::string text =
      "from alembic import op\r\ndef upgrade():\r\n    op.create_index(\"ix\", \"t\",\r\n                    [\"c\"])  # why\r\n    op.f()\r\n";
  auto l = load(text);
  auto edits = lint::wrap_in_autocommit_block(*l.file, first_op_call(l));
  CHECK(apply(text, edits) ==
        "from alembic import op\r\ndef upgrade():\r\n    with op.get_context().autocommit_block():\r\n"
        "        op.create_index(\"ix\", \"t\",\r\n                        [\"c\"])  # why\r\n    op.f()\r\n");
}

TEST_CASE("no wrap when the call shares its line or holds a multi-line string", "[fix]") {
  auto shared = load("from alembic import op\ndef upgrade():\n    x = 1; op.create_index('ix', 't', ['c'])\n");
  CHECK(lint::wrap_in_autocommit_block(*shared.file, first_op_call(shared)).empty());
  auto assigned = load("from alembic import op\ndef upgrade():\n    op.execute('x'); y = 2\n");
  CHECK(lint::wrap_in_autocommit_block(*assigned.file, first_op_call(assigned)).empty());
  auto multi = load("from alembic import op\ndef upgrade():\n    op.execute(\"\"\"\nCREATE INDEX i ON t (c)\n\"\"\")\n");
  CHECK(lint::wrap_in_autocommit_block(*multi.file, first_op_call(multi)).empty());
}

TEST_CASE("statements are inserted before and after a call at its indentation", "[fix]") {
  const std::string text = "from alembic import op\ndef upgrade():\n    op.drop_column('t', 'c')\n";
  auto l = load(text);
  auto before = lint::insert_statement_before(*l.file, first_op_call(l), "op.execute(\"SET lock_timeout = '5s'\")");
  auto after = lint::insert_statement_after(*l.file, first_op_call(l), "op.execute('VALIDATE')");
  REQUIRE(before);
  REQUIRE(after);
  CHECK(apply(text, {*before, *after}) ==
        "from alembic import op\ndef upgrade():\n    op.execute(\"SET lock_timeout = '5s'\")\n"
        "    op.drop_column('t', 'c')\n    op.execute('VALIDATE')\n");
}
