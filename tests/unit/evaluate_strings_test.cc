// String folding compared with CPython: each expression is evaluated by miglint (inside
// op.execute) and by Debian's /usr/bin/python3, and the texts must agree.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "evaluate_test_util.h"

using namespace miglint;
using namespace miglint::alembic;
using namespace miglint::alembic::testing;

namespace {

const std::vector<std::string> kExpressions = {
    // textwrap.dedent
    R"(textwrap.dedent("""\n    SELECT 1\n      FROM t\n    """))",
    R"(textwrap.dedent("  a\n\tb\n"))",
    R"(textwrap.dedent("\ta\n\t\tb\n\t"))",
    R"(textwrap.dedent("  a\n   \n  b"))",
    R"(textwrap.dedent("a\n  b"))",
    R"(textwrap.dedent("    x\n  \t\n   y\n"))",
    R"(textwrap.dedent("\t  a\n\t b\n"))",
    R"(textwrap.dedent("  a\r\n  b\r\n"))",
    R"(textwrap.dedent(""))",
    R"(textwrap.dedent("\n\n   \n"))",
    // % formatting
    R"("%5s|%-5s|%05d|%+d|%x|%#x|%o|%.2s|%%" % ("ab", "cd", 42, 7, 255, 255, 8, "xyz"))",
    R"("%(a)s-%(b)r" % {"a": 1, "b": "q"})",
    R"("%s %s" % (None, True))",
    R"("%r" % ("it's",))",
    R"("%r" % ('say "hi"',))",
    R"("%s" % (("a", "b"),))",
    R"("IN %s" % str(("a",)))",
    R"("%d%%" % 3.9)",
    R"("%6.2f|%-8.3f|%f" % (3.14159, -2.5, 1))",
    R"("%s" % "solo")",
    R"("% d|%i|%u|%X" % (5, -3, 4, 171))",
    // str.format
    R"("{:>10}|{:^7}|{:*<6}".format("a", "b", "c"))",
    R"("{:,}|{:_}|{:08.3f}|{:+}|{: }".format(1234567, 1000, 3.14159, 5, 7))",
    R"("{!r}|{0!s}".format("x") if False else "{0!r}|{0!s}".format("x"))",
    R"("{0}{1}{0}|{a}".format("x", "y", a="z"))",
    R"("{{}}{}{{".format(1))",
    R"("{:x}|{:#b}|{:o}|{:X}".format(255, 5, 8, 255))",
    R"("{:05}|{:<05}|{:=+6}".format(42, 42, 42))",
    R"("{:.3}|{:10.2}".format("abcdef", "xyz"))",
    R"("{:%}|{:.1%}".format(0.5, 0.25))",
    // f-strings
    R"(f"{'a'}{1:>4}{'b'!r:>6}|{3:03d}|{'x':^5}")",
    R"(f"{'abc'!s}-{42:,}-{2.5:.2f}")",
    // methods
    R"("  x y \n".strip() + "|" + "xxaxx".strip("x") + "|" + "  a ".lstrip() + "|" + " b  ".rstrip())",
    R"("MiXeD".upper() + "MiXeD".lower())",
    R"(", ".join(["a", "b", "c"]) + "-".join(("x",)))",
    R"("a.b.c".replace(".", "::"))",
    R"("ab" * 3 + "-" * 0)",
    R"(str(12) + repr("q") + str(None) + str(1.5) + str(2.0))",
    R"("abcdef"[1:4] + "abcdef"[-2:] + "abcdef"[:-4])",
};

std::string python_values(const std::string& script_path) {
  std::string cmd = "/usr/bin/python3 " + script_path;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace

TEST_CASE("evaluate strings: folding agrees with CPython", "[alembic][evaluate][python]") {
  if (access("/usr/bin/python3", X_OK) != 0) return;
  std::string dir = "/tmp/miglint_eval_strings_" + std::to_string(getpid());
  std::string script = dir + ".py";
  {
    nlohmann::json exprs = kExpressions;
    std::ofstream out(script);
    out << "import json, textwrap\nexprs = json.loads(" << nlohmann::json(exprs.dump()).dump() << ")\n"
        << "print(json.dumps([eval(e) for e in exprs], ensure_ascii=False))\n";
  }
  std::string output = python_values(script);
  std::remove(script.c_str());
  auto expected = nlohmann::json::parse(output, nullptr, false);
  REQUIRE(expected.is_array());
  REQUIRE(expected.size() == kExpressions.size());

  std::string text = "import textwrap\nfrom alembic import op\n\ndef upgrade():\n";
  for (const auto& e : kExpressions) text += "    op.execute(" + e + ")\n";
  auto ev = evaluate_text(text);
  CHECK(ev.problems.empty());
  REQUIRE(ev.program.calls.size() == kExpressions.size());
  for (size_t i = 0; i < kExpressions.size(); ++i) {
    INFO(kExpressions[i]);
    const Value* v = ev.program.calls[i].arg(0);
    REQUIRE(v);
    REQUIRE(v->kind == ValueKind::Str);
    CHECK(v->text == expected[i].get<std::string>());
    CHECK(v->text_source.size() == v->text.size() + 1);
  }
}

TEST_CASE("evaluate strings: what Python would reject stays dynamic", "[alembic][evaluate]") {
  auto e = evaluate_text(
      "from alembic import op\n"
      "def upgrade():\n"
      "    op.execute('%s %s' % ('a',))\n"
      "    op.execute('%s' % ('a', 'b'))\n"
      "    op.execute('{} {1}'.format('a', 'b'))\n"
      "    op.execute('{:d}'.format('a'))\n");
  CHECK(e.calls.empty());
  REQUIRE(e.problems.size() == 4);
  CHECK(e.problems[0] == "dynamic-sql: `'%s %s' % ('a',)` in `op.execute(...)` cannot be evaluated statically: `%` formatting raises TypeError: not enough arguments for format string");
  CHECK(e.problems[1].find("not all arguments converted") != std::string::npos);
  CHECK(e.problems[2].find("cannot switch from automatic field numbering to manual") != std::string::npos);
  CHECK(e.problems[3].find("invalid format specifier for a str") != std::string::npos);
}
