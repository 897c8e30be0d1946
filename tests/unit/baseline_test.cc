// Baseline keys (src/lint/baseline.h): stable under reformatting, distinct per operation, and the
// file format's round trip and matching rules.
#include <catch2/catch.hpp>

#include "alembic/project.h"
#include "alembic/revision_facts.h"
#include "lint/baseline.h"

using namespace miglint;

namespace {

const char* kRevision = R"py(revision = 'abc123'
down_revision = 'base01'


def upgrade():
    op.create_index("ix_accounts_email", "accounts", ["email"])
    op.execute(sa.text("CREATE INDEX ix_b ON accounts (name)"))


def downgrade():
    op.drop_index("ix_accounts_email", table_name="accounts")
)py";

// The same revision reformatted: lines moved, calls wrapped, quotes changed.
const char* kReformatted = R"py(# A comment that moves everything down.

revision = "abc123"
down_revision = "base01"


def upgrade():
    op.create_index(
        'ix_accounts_email',
        'accounts',
        ['email'],
    )
    op.execute(sa.text("""
        CREATE INDEX ix_b ON accounts (name)
    """))


def downgrade():
    op.drop_index('ix_accounts_email', table_name='accounts')
)py";

alembic::Project project_of(const char* text) {
  alembic::Project project;
  std::vector<Diagnostic> diags;
  project.revisions.push_back(
      alembic::load_revision(std::make_shared<SourceFile>("versions/abc123_x.py", text), diags));
  REQUIRE(diags.empty());
  return project;
}

// A finding of `rule` whose span is the first occurrence of `needle` (after `from`).
Diagnostic finding_at(const alembic::Project& project, std::string rule, std::string_view needle,
                      std::string_view from = {}) {
  const SourceFilePtr& file = project.revisions.front().file;
  size_t start = from.empty() ? 0 : file->text().find(from);
  size_t at = file->text().find(needle, start);
  REQUIRE(at != std::string::npos);
  Diagnostic d;
  d.rule = std::move(rule);
  d.location = {file, Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())}, {}};
  d.message = "a finding";
  return d;
}

}  // namespace

TEST_CASE("operation keys name the phase, the call and its first string") {
  alembic::Project p = project_of(kRevision);
  CHECK(lint::operation_key(p, finding_at(p, "r", "\"accounts\"")) == "upgrade op.create_index ix_accounts_email");
  CHECK(lint::operation_key(p, finding_at(p, "r", "CREATE INDEX")) ==
        "upgrade op.execute CREATE INDEX ix_b ON accounts (name)");
  CHECK(lint::operation_key(p, finding_at(p, "r", "ix_accounts_email", "def downgrade")) ==
        "downgrade op.drop_index ix_accounts_email");
  CHECK(lint::operation_key(p, finding_at(p, "r", "'base01'")) == "\"base01\"");
}

TEST_CASE("operation keys survive reformatting") {
  alembic::Project a = project_of(kRevision);
  alembic::Project b = project_of(kReformatted);
  CHECK(lint::operation_key(a, finding_at(a, "r", "\"accounts\"")) ==
        lint::operation_key(b, finding_at(b, "r", "'accounts'")));
  CHECK(lint::operation_key(a, finding_at(a, "r", "CREATE INDEX")) ==
        lint::operation_key(b, finding_at(b, "r", "CREATE INDEX")));
  CHECK(lint::operation_key(a, finding_at(a, "r", "'base01'")) ==
        lint::operation_key(b, finding_at(b, "r", "\"base01\"")));
}

TEST_CASE("a finding's origin decides its operation") {
  alembic::Project p = project_of(kRevision);
  // Reported inside the SQL literal, with the op.execute call as its origin.
  Diagnostic d = finding_at(p, "r", "ON accounts");
  d.origin = finding_at(p, "r", "op.execute(").location.span;
  CHECK(lint::operation_key(p, d) == "upgrade op.execute CREATE INDEX ix_b ON accounts (name)");
  // The origin wins over the location when they disagree.
  d.origin = finding_at(p, "r", "op.create_index(").location.span;
  CHECK(lint::operation_key(p, d) == "upgrade op.create_index ix_accounts_email");
}

TEST_CASE("baseline entries carry the revision id; run problems get none") {
  alembic::Project p = project_of(kRevision);
  auto e = lint::baseline_entry(p, finding_at(p, "non-concurrent-index", "\"accounts\""));
  REQUIRE(e);
  CHECK(e->revision == "abc123");
  CHECK(e->rule == "non-concurrent-index");
  Diagnostic config;
  config.rule = "config-error";
  config.location.path = "<configuration>";
  CHECK_FALSE(lint::baseline_entry(p, config));
}

TEST_CASE("baseline files round trip, sorted, version first") {
  std::vector<lint::BaselineEntry> entries = {{"z-rule", "r2", "op", "m"}, {"a-rule", "r1", "upgrade op.x t", "msg"}};
  std::string text = lint::render_baseline(entries);
  CHECK(text.find("\"version\"") < text.find("\"entries\""));
  CHECK(text.find("a-rule") < text.find("z-rule"));
  std::string error;
  auto back = lint::parse_baseline(text, &error);
  REQUIRE(back);
  REQUIRE(back->size() == 2);
  CHECK((*back)[0].rule == "a-rule");
  CHECK((*back)[0].operation == "upgrade op.x t");
  CHECK((*back)[1].message == "m");

  CHECK_FALSE(lint::parse_baseline("[]", &error));
  CHECK_FALSE(lint::parse_baseline(R"({"version": 2, "entries": []})", &error));
  CHECK(error.find("version") != std::string::npos);
  CHECK_FALSE(lint::parse_baseline(R"({"version": 1, "entries": [{"rule": "x"}]})", &error));
  CHECK_FALSE(lint::parse_baseline("{not json", &error));
}

TEST_CASE("each baseline entry absorbs one finding; unmatched entries are stale") {
  alembic::Project p = project_of(kRevision);
  Diagnostic first = finding_at(p, "non-concurrent-index", "\"accounts\"");
  Diagnostic again = first;  // a second, identical finding needs its own entry
  Diagnostic other = finding_at(p, "non-concurrent-index", "CREATE INDEX");
  std::vector<lint::BaselineEntry> baseline = {*lint::baseline_entry(p, first),
                                               {"drop-table", "abc123", "upgrade op.drop_table t", ""}};
  lint::BaselineOutcome out = lint::apply_baseline(p, {first, again, other}, baseline);
  CHECK(out.suppressed == 1);
  CHECK(out.kept.size() == 2);
  CHECK(out.stale == 1);

  // Matching ignores lines and messages: the reformatted file's finding is the same one.
  alembic::Project q = project_of(kReformatted);
  Diagnostic moved = finding_at(q, "non-concurrent-index", "'accounts'");
  moved.message = "another wording";
  lint::BaselineOutcome out2 = lint::apply_baseline(q, {moved}, baseline);
  CHECK(out2.suppressed == 1);
  CHECK(out2.kept.empty());
}
