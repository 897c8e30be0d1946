// The .ini reader against CPython's configparser itself: each tricky input is written to a
// file, tests/oracle/config_ini_oracle.py reports what ConfigParser({"here": ...}) makes of it
// (values after interpolation, errors), and IniFile must agree.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/ini.h"
#include "config/py_text.h"
#include "test_support.h"

namespace fs = std::filesystem;
using miglint::config::IniError;
using miglint::config::IniErrorKind;
using miglint::config::IniFile;

namespace {

using miglint::testing::run_capture;
using miglint::testing::TempDir;

std::string chain(int n) {
  std::string s = "[a]\n";
  for (int i = 0; i < n; ++i) s += fmt::format("k{} = %(k{})s\n", i, i + 1);
  return s + fmt::format("k{} = 100%%\n", n);
}

const std::vector<std::string> kCases = {
    "[alembic]\nscript_location = %(here)s/alembic\n",
    "[a]\nk: v\nk2 = a:b\nk3 : x = y\nk4=:\n",
    "[a]\nKEY = 1\nMixed_Case = 2\n",
    "# c\n; c\n[a]\n# x\nk = v # not a comment\nk2 = v ; nor this\n  ; indented comment\n",
    "[a]\nk = first\n  second\n\n  third\n\n\nk2 = x\n",
    "[a]\nk = a\n  # comment\n  b\n",
    "[a]\nk =\nk2 = \n  cont\n",
    "[DEFAULT]\nbase = /x\n[a]\nk = %(base)s/y\n[b]\nbase = /override\nk = %(base)s\n",
    "[a]\nk = 100%%\nt = %%(rev)s_%%(slug)s\n",
    "[a]\nk = 100%\nk2 = %(missing)s\nk3 = %(bad\nk4 = %(x)d\nx = 1\nk5 = %()s\nk6 = %\n",
    "[a]\na = %(b)s\nb = %(a)s\n",
    chain(9),
    chain(10),
    "[a]\nk=1\n[b]\n[a]\n",
    "[a]\nk=1\nK = 2\n",
    "k = v\n[a]\n",
    "\n\n  # c\nk = v\n",
    "[a]\nk = v\nnot an option\n  cont\nx = 1\n",
    "[a]\n= v\n",
    "[a]\n= v\n: w\n",
    "[a] trailing\nk=1\n[b]]\nk=2\n[ c ]\nk=3\n[a]]x\n",
    "[a]\nk = 1\n  [b]\nx=2\n",
    "[a]\r\nk = v\r\n  w\r\n",
    "[a]\rk = v\r  w\r",
    "[a]\nk =\tv\t\n\tcont\n",
    "[a]\nk = v\xc2\xa0\n",
    "[a]\n k = v\n\xc2\xa0w\n",
    "[a]\n\xc2\xa0k = v\n  w\n",
    "[a]\n\xc3\x84" "BC = 1\n\xce\xa9 = 2\n\xd0\x96 = 3\n",
    "[a]\nk = \xff\n",
    "\xef\xbb\xbf[a]\nk=1\n",
    "[DEFAULT]\nhere = /elsewhere\n[a]\nk = %(here)s\n",
    "[a]\nBase = x\nk = %(BASE)s\n",
    "[a]\nm = a\n  b\nk = %(m)s!\n",
    "[a]\nk = v\n   \n\n",
    "[DEFAULT]\nx=1\n[DEFAULT]\ny=2\n[a]\n",
    "[DEFAULT]\nx=1\n[DEFAULT]\nx=2\n",
    "[]\n",
    "[a]\n[]\n",
    "[a]\nk=v\n  \n  x\n",
    "[a]\nmy key = v\nk=%(my key)s\n",
    "[a]\nurl = postgresql://u:p@h/db?x=1\n",
    "[a]\nhttp://x = y\n",
    "[a] ; comment\nk = 1\n",
    "",
    "\n   \n# only comments\n",
    "[a]\n  k = v\n  x = 1\n   y\n",
    "[a]\nk = v\x0c\n\x0bw = 2\n",
    "[a]\n%k = v\n",
    "[DEFAULT]\na=1\nb=%(a)s\n[s]\nc = %(b)s%(a)s\n",
    "[a]\nk = one\n# comment at column 0 inside the value\n  two\n",
    "[a]\nk = one\n\n[b]\nk = two\n\n  three\n",
    "[a]\nk = %(here)s%%(here)s\n",
    "[alembic]\nscript_location = alembic\nversion_locations = %(here)s/a %(here)s/b\n[post_write_hooks]\nhooks = black\nblack.type = console_scripts\n",
    "[a]\nx = 1\n[b]\ny = %(x)s\n",
    "[a]\nk = v\n\t\n\tw\n",
    "[a]\nk = \"quoted\" 'single'\n",
    "[a]\n[b\nk = 1\n",
    "[a]\nk = v\n  cont\n [b]\n",
    "[a]\nk = v\nbad line\nbad again\nk = w\n",
};

// Runs the configparser oracle on `cases` and checks IniFile against each answer.
void check_against_python(const std::vector<std::string>& cases) {
  int status = 0;
  run_capture("/usr/bin/python3 -c 'import configparser' 2>/dev/null", &status);
  if (status != 0) {
    WARN("/usr/bin/python3 is not available; configparser oracle skipped");
    return;
  }
  TempDir dir;
  std::string here = dir.path.string();
  std::string command = fmt::format("/usr/bin/python3 {}/tests/oracle/config_ini_oracle.py {}", MIGLINT_SOURCE_DIR, here);
  for (size_t i = 0; i < cases.size(); ++i) {
    std::ofstream(dir.path / fmt::format("case{:06}.ini", i), std::ios::binary) << cases[i];
  }
  command += " " + here;
  std::string output = run_capture(command, &status);
  REQUIRE(status == 0);
  std::istringstream lines(output);
  std::string line;
  size_t index = 0;
  while (std::getline(lines, line)) {
    nlohmann::json truth = nlohmann::json::parse(line);
    const std::string& text = cases.at(index);
    INFO("case " << index << ": " << miglint::config::py_repr(text));
    ++index;
    auto file = std::make_shared<miglint::SourceFile>(truth["file"].get<std::string>(), text);
    IniFile ini = IniFile::parse(file, {{"here", here}});

    const nlohmann::json& error = truth["error"];
    bool values_valid = error.is_null() || error["type"] == "ParsingError";
    if (error.is_null()) {
      for (const IniError& e : ini.errors()) INFO("unexpected: " << e.message);
      CHECK(ini.errors().empty());
    } else if (error["type"] == "ParsingError") {
      std::vector<uint32_t> expected = error["lines"].get<std::vector<uint32_t>>();
      std::vector<uint32_t> got;
      for (const IniError& e : ini.errors()) {
        CHECK(e.kind == IniErrorKind::Parsing);
        got.push_back(e.line);
      }
      CHECK(got == expected);
    } else {
      // configparser stops at this error: it must be our first error other than ParsingError.
      const IniError* first = nullptr;
      for (const IniError& e : ini.errors()) {
        if (e.kind != IniErrorKind::Parsing) {
          first = &e;
          break;
        }
      }
      REQUIRE(first != nullptr);
      CHECK(miglint::config::ini_error_kind_name(first->kind) == error["type"].get<std::string>());
      if (error.contains("line")) CHECK(first->line == error["line"].get<uint32_t>());
    }
    if (!values_valid) continue;

    // Same sections, same options (DEFAULT's included), same values or interpolation errors.
    std::vector<std::string> sections = {"DEFAULT"};
    for (const auto& s : ini.sections()) sections.push_back(s.name);
    CHECK(sections.size() == truth["values"].size());
    for (const std::string& name : sections) {
      INFO("section " << name);
      REQUIRE(truth["values"].contains(name));
      const nlohmann::json& expected = truth["values"][name];
      std::set<std::string> options;
      for (const auto& o : ini.defaults().options) options.insert(o.name);
      if (name != "DEFAULT") {
        for (const auto& o : ini.section(name)->options) options.insert(o.name);
      }
      CHECK(options.size() == expected.size());
      for (const std::string& option : options) {
        INFO("option " << option);
        REQUIRE(expected.contains(option));
        std::optional<IniError> err;
        std::optional<std::string> value = ini.get(name, option, &err);
        if (expected[option].contains("value")) {
          CHECK(value == std::optional<std::string>(expected[option]["value"].get<std::string>()));
          CHECK(!err);
        } else {
          REQUIRE(err.has_value());
          CHECK(miglint::config::ini_error_kind_name(err->kind) == expected[option]["error"].get<std::string>());
        }
      }
    }
  }
  CHECK(index == cases.size());
}

// Random files made of the pieces that matter to the grammar, with a fixed seed.
std::vector<std::string> generated_cases(size_t count) {
  const std::vector<std::string> indents = {"", "", "", " ", "  ", "\t", "\xc2\xa0", "\x0c"};
  const std::vector<std::string> contents = {
      "[a]", "[b]", "[DEFAULT]", "[a] x", "[]", "[b]]", "k = v", "K: %(k)s", "x = %%", "x = %(here)s",
      "# c", "; c", "", "", "junk", "= v", "k = %(x)s%(y)s", "y = 1%", "z = %(Z)s", "Z : %(k)s-%(y)s",
      "k = a # b", "w=", "v = %(v)s", "u = %(k)", "\xc3\x89 = e", "t = x\xe2\x80\x83"};
  const std::vector<std::string> ends = {"\n", "\n", "\n", "\r\n", "\r"};
  uint32_t seed = 2024;
  auto next = [&](size_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    std::string text = next(4) ? "[a]\n" : "";
    size_t n = next(12);
    for (size_t k = 0; k < n; ++k) text += indents[next(indents.size())] + contents[next(contents.size())] + ends[next(ends.size())];
    out.push_back(text);
  }
  return out;
}

}  // namespace

TEST_CASE("ini reader agrees with Python's configparser", "[config][oracle]") { check_against_python(kCases); }

TEST_CASE("ini reader agrees with configparser on generated files", "[config][oracle]") {
  check_against_python(generated_cases(getenv("MIGLINT_INI_FUZZ") ? std::stoul(getenv("MIGLINT_INI_FUZZ")) : 400));
}

TEST_CASE("ini errors carry a line and a span on the offending text", "[config]") {
  auto file = std::make_shared<miglint::SourceFile>("alembic.ini", "[a]\nk = 1\n  k = 2\nk = 3\n");
  IniFile ini = IniFile::parse(file, {});
  REQUIRE(ini.errors().size() == 1);
  const IniError& e = ini.errors()[0];
  CHECK(e.kind == IniErrorKind::DuplicateOption);
  CHECK(e.line == 4);
  CHECK(file->slice(e.span) == "k");
  miglint::Diagnostic d = ini.to_diagnostic(e);
  CHECK(d.rule == "config-error");
  CHECK(d.location.file == file);
  CHECK(file->line_col(d.location.span.begin) == miglint::LineCol{4, 1});
}

TEST_CASE("ini reader never crashes on arbitrary bytes", "[config]") {
  // A cheap deterministic fuzz: random mixes of the characters that matter to the grammar.
  const std::string alphabet = "[]=:%()s#; \t\n\r\xc2\xa0\xffkDEFAULT";
  uint32_t seed = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int len = static_cast<int>(seed % 80);
    for (int i = 0; i < len; ++i) {
      seed = seed * 1103515245 + 12345;
      text += alphabet[(seed >> 16) % alphabet.size()];
    }
    seed = seed * 1103515245 + 12345;
    auto file = std::make_shared<miglint::SourceFile>("fuzz.ini", text);
    IniFile ini = IniFile::parse(file, {{"here", "/h"}});
    for (const auto& s : ini.sections()) {
      for (const auto& o : s.options) {
        std::optional<IniError> err;
        (void)ini.get(s.name, o.name, &err);
        CHECK(o.value_span.end <= text.size());
      }
    }
  }
}
