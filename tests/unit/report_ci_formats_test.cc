// The CI output formats (SARIF, GitHub workflow commands and summary, GitLab Code Quality,
// JUnit): escaping, positions (1-based, columns in characters), fingerprints and each shape.
// The SARIF schema check and the XML parse run on the real binary in tests/cli/ci_formats.cmake.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "report/md5.h"
#include "report/render.h"

using namespace miglint;
using namespace miglint::report;
using nlohmann::json;

namespace {

SourceFilePtr source(const std::string& path, const std::string& text) {
  return std::make_shared<const SourceFile>(path, text);
}

// A file whose line 2 has a two-byte character before the span, so byte and character columns differ.
const std::string kText = "line one\nx = \"é\"; op.drop_table(\"t\")\nlast\n";

Span find(const std::string& text, const std::string& what) {
  auto at = static_cast<uint32_t>(text.find(what));
  return {at, at + static_cast<uint32_t>(what.size())};
}

Diagnostic finding(const SourceFilePtr& file, Span span, Severity severity = Severity::Error) {
  Diagnostic d;
  d.rule = "drop-table";
  d.severity = severity;
  d.location = Location{file, span, {}};
  d.message = "Dropping table \"t\" loses its data";
  d.help = "keep it\nfor one release";
  return d;
}

CiOptions ci() {
  return {{{"drop-table", "A table is dropped", "destructive", Severity::Error}}, "https://example.test/docs/rules/"};
}

}  // namespace

TEST_CASE("md5_hex matches RFC 1321 test vectors", "[report][ci]") {
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(md5_hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(md5_hex("The quick brown fox jumps over the lazy dog") == "9e107d9d372bb6826bd81d3542a419d6");
  // 80 bytes: more than one block, and a padding block of its own.
  CHECK(md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
        "57edf4a22be3c955ac49da2e2107b67a");
  // 56 bytes: the length no longer fits in the first padding block.
  CHECK(md5_hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
  CHECK(md5_hex(std::string(55, 'a')) == "ef1772b6dff9a122358552954ad0df65");
  CHECK(md5_hex(std::string(64, 'a')) == "014842d480b571495a4a0363793f7367");
}

TEST_CASE("GitHub escaping: data escapes % CR LF, properties also : and ,", "[report][ci]") {
  CHECK(github_escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b");
  CHECK(github_escape_property("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext%3A a%2Cb");
  CHECK(github_escape_property("versions/a b.py") == "versions/a b.py");
}

TEST_CASE("xml_escape: markup, controls and invalid UTF-8", "[report][ci]") {
  CHECK(xml_escape("a<b & 'c'>\"", false) == "a&lt;b &amp; &apos;c&apos;&gt;&quot;");
  CHECK(xml_escape("one\ntwo\tthree\r", false) == "one\ntwo\tthree&#13;");
  CHECK(xml_escape("one\ntwo\tthree", true) == "one&#10;two&#9;three");
  CHECK(xml_escape("é€😀", false) == "é€😀");
  CHECK(xml_escape(std::string("a\x01z\x00", 4), false) == "a\xEF\xBF\xBDz\xEF\xBF\xBD");
  CHECK(xml_escape("bad \xff byte, cut \xE2\x82", false) == "bad \xEF\xBF\xBD byte, cut \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(xml_escape("\xC0\xAF", false) == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
}

TEST_CASE("URIs: relative paths percent-encoded, file URIs absolute", "[report][ci]") {
  CHECK(uri_path("versions/a b#1%.py") == "versions/a%20b%231%25.py");
  CHECK(uri_path("versions/é.py") == "versions/%C3%A9.py");
  CHECK(file_uri("/opt/x y/rules") == "file:///opt/x%20y/rules");
  CHECK(installed_docs_url().rfind("file:///", 0) == 0);
  CHECK(installed_docs_url().ends_with("/share/doc/miglint/rules/"));
  CHECK(rule_doc_url(ci(), "drop-table") == "https://example.test/docs/rules/drop-table.md");
}

TEST_CASE("fingerprints ignore line moves and tell identical findings apart", "[report][ci]") {
  auto before = source("versions/a.py", kText);
  auto after = source("versions/a.py", "# a new first line\n" + kText);
  Diagnostic one = finding(before, find(kText, "op.drop_table"));
  Diagnostic moved = finding(after, find("# a new first line\n" + kText, "op.drop_table"));
  auto a = fingerprints({one});
  auto b = fingerprints({moved});
  REQUIRE(a.size() == 1);
  CHECK(a == b);
  CHECK(a[0].size() == 32);
  CHECK(a[0].find_first_not_of("0123456789abcdef") == std::string::npos);
  auto twice = fingerprints({one, one});
  CHECK(twice[0] == a[0]);
  CHECK(twice[1] != twice[0]);
  Diagnostic other = one;
  other.rule = "drop-column";
  CHECK(fingerprints({other})[0] != a[0]);
}

TEST_CASE("SARIF: rules, 1-based character regions, related locations, fixes", "[report][ci]") {
  auto file = source("versions/a.py", kText);
  auto other = source("versions/b.py", "revision = \"b\"\n");
  Diagnostic d = finding(file, find(kText, "op.drop_table(\"t\")"));
  d.notes.push_back({"the table was created here", Location{other, {11, 14}, {}}});
  d.notes.push_back({"dropping loses the rows", std::nullopt});
  d.fix = Fix{"Comment it out", false, {{find(kText, "op."), "# op."}}};
  Diagnostic config;
  config.rule = "config-error";
  config.severity = Severity::Warning;
  config.location.path = "<configuration>";
  config.message = "Unknown key";

  json log = json::parse(render_sarif({d, config}, ci()));
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "miglint");
  CHECK(driver["version"] == MIGLINT_VERSION);
  CHECK(driver["informationUri"] == "https://example.test/docs/rules/README.md");
  REQUIRE(driver["rules"].size() == 2);
  CHECK(driver["rules"][0]["id"] == "drop-table");
  CHECK(driver["rules"][0]["shortDescription"]["text"] == "A table is dropped");
  CHECK(driver["rules"][0]["helpUri"] == "https://example.test/docs/rules/drop-table.md");
  CHECK(driver["rules"][0]["defaultConfiguration"]["level"] == "error");
  CHECK(driver["rules"][1]["id"] == "config-error");  // not in the catalogue: still listed
  CHECK(driver["rules"][1]["shortDescription"]["text"] == "config-error");

  const json& r = run["results"][0];
  CHECK(r["ruleId"] == "drop-table");
  CHECK(r["ruleIndex"] == 0);
  CHECK(r["level"] == "error");
  CHECK(r["message"]["text"] ==
        "Dropping table \"t\" loses its data\n\nhelp: keep it\nfor one release\nnote: dropping loses the rows");
  const json& loc = r["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "versions/a.py");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  // `x = "é"; ` is 9 characters (10 bytes): the span starts in column 10 and ends before column 28.
  CHECK(loc["region"] == json({{"startLine", 2}, {"startColumn", 10}, {"endLine", 2}, {"endColumn", 28}}));
  REQUIRE(r["relatedLocations"].size() == 1);
  CHECK(r["relatedLocations"][0]["message"]["text"] == "the table was created here");
  CHECK(r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "versions/b.py");
  CHECK(r["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 12);
  const json& fix = r["fixes"][0];
  CHECK(fix["description"]["text"] == "Comment it out (unsafe: review before applying)");
  CHECK(fix["properties"]["safe"] == false);
  const json& rep = fix["artifactChanges"][0]["replacements"][0];
  CHECK(rep["deletedRegion"] == json({{"startLine", 2}, {"startColumn", 10}, {"endLine", 2}, {"endColumn", 13}}));
  CHECK(rep["insertedContent"]["text"] == "# op.");
  CHECK(r["partialFingerprints"]["miglintFindingHash/v1"] == fingerprints({d})[0]);

  const json& c = run["results"][1];
  CHECK(c["level"] == "warning");
  CHECK(c["ruleIndex"] == 1);
  CHECK(c["locations"].empty());  // "<configuration>" is no file
  CHECK_FALSE(c.contains("fixes"));
}

TEST_CASE("SARIF: info is a note; an empty run still has its driver", "[report][ci]") {
  auto file = source("versions/a.py", kText);
  json log = json::parse(render_sarif({finding(file, {0, 4}, Severity::Info)}, ci()));
  CHECK(log["runs"][0]["results"][0]["level"] == "note");
  json empty = json::parse(render_sarif({}, ci()));
  CHECK(empty["runs"][0]["results"].empty());
  CHECK(empty["runs"][0]["tool"]["driver"]["rules"].empty());
}

TEST_CASE("GitHub workflow commands: one escaped line per finding", "[report][ci]") {
  auto file = source("versions/a,b.py", kText);
  Diagnostic d = finding(file, find(kText, "op.drop_table(\"t\")"));
  Diagnostic multi = finding(file, {0, static_cast<uint32_t>(kText.find("last"))}, Severity::Warning);
  multi.message = "100% sure";
  multi.help.clear();
  Diagnostic info = finding(file, {0, 4}, Severity::Info);
  info.help.clear();
  std::string out = render_github({d, multi, info});
  CHECK(out ==
        "::error file=versions/a%2Cb.py,line=2,col=10,endLine=2,endColumn=28,title=drop-table::"
        "Dropping table \"t\" loses its data%0A%0Ahelp: keep it%0Afor one release\n"
        // a span over several lines: GitHub takes no columns then
        "::warning file=versions/a%2Cb.py,line=1,endLine=3,title=drop-table::100%25 sure\n"
        "::notice file=versions/a%2Cb.py,line=1,col=1,endLine=1,endColumn=5,title=drop-table::"
        "Dropping table \"t\" loses its data\n");
  Diagnostic config;
  config.rule = "config-error";
  config.location.path = "<configuration>";
  config.message = "a: b";
  CHECK(render_github({config}) == "::error title=config-error::a: b\n");
}

TEST_CASE("GitHub summary: counts and a table linking the rule pages", "[report][ci]") {
  auto file = source("versions/a.py", kText);
  Diagnostic d = finding(file, find(kText, "op.drop_table"));
  d.message = "a | b <x> `<y>`";
  std::string out = render_github_summary({d}, Summary{3}, ci());
  CHECK(out ==
        "## miglint\n\n1 error, 0 warnings, 0 infos in 3 revision files.\n\n"
        "| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n"
        "| error | [drop-table](https://example.test/docs/rules/drop-table.md) | `versions/a.py:2:10` | "
        "a \\| b &lt;x> `<y>` |\n\n");
  CHECK(render_github_summary({}, Summary{1}, ci()) == "## miglint\n\nAll checks passed in 1 revision file.\n\n");
}

TEST_CASE("GitLab Code Quality: the fields GitLab requires", "[report][ci]") {
  auto file = source("versions/a.py", kText);
  Diagnostic multi = finding(file, {0, static_cast<uint32_t>(kText.find("last"))}, Severity::Warning);
  Diagnostic config;
  config.rule = "config-error";
  config.location.path = "<configuration>";
  config.message = "Unknown key";
  json list = json::parse(render_gitlab({finding(file, find(kText, "op.")), multi, finding(file, {0, 1}, Severity::Info), config}));
  REQUIRE(list.is_array());
  REQUIRE(list.size() == 4);
  for (const json& j : list) {
    // GitLab: description, check_name, fingerprint, severity, location.path, location.lines.begin.
    CHECK(j["description"].is_string());
    CHECK(j["check_name"].is_string());
    CHECK(j["fingerprint"].get<std::string>().size() == 32);
    CHECK(j["location"]["path"].is_string());
    CHECK(j["location"]["lines"]["begin"].get<int>() >= 1);
  }
  CHECK(list[0]["severity"] == "major");
  CHECK(list[0]["location"] == json({{"path", "versions/a.py"}, {"lines", {{"begin", 2}, {"end", 2}}}}));
  CHECK(list[0]["content"]["body"] == "keep it\nfor one release");
  CHECK(list[1]["severity"] == "minor");
  CHECK(list[1]["location"]["lines"] == json({{"begin", 1}, {"end", 3}}));
  CHECK(list[2]["severity"] == "info");
  CHECK(list[3]["severity"] == "major");
  CHECK(list[3]["location"]["lines"]["begin"] == 1);
  CHECK(list[0]["fingerprint"] != list[2]["fingerprint"]);
  CHECK(render_gitlab({}) == "[]\n");
}

TEST_CASE("JUnit: a testsuite per file, a failure per finding, escaped", "[report][ci]") {
  auto a = source("versions/a.py", kText);
  auto b = source("versions/b&c.py", kText);
  Diagnostic d = finding(a, find(kText, "op.drop_table"));
  d.message = "Dropping <t> & \"u\"";
  Diagnostic w = finding(b, {0, 4}, Severity::Warning);
  std::string out = render_junit({d, finding(a, {0, 4}), w}, Summary{2}, ci());
  CHECK(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"miglint\" tests=\"3\" failures=\"3\"", 0) == 0);
  CHECK(out.find("<testsuite name=\"versions/a.py\" tests=\"2\" failures=\"2\"") != std::string::npos);
  CHECK(out.find("<testsuite name=\"versions/b&amp;c.py\" tests=\"1\" failures=\"1\"") != std::string::npos);
  CHECK(out.find("<testcase classname=\"versions/a.py\" name=\"drop-table at 2:10\" file=\"versions/a.py\" line=\"2\">") !=
        std::string::npos);
  CHECK(out.find("<failure type=\"error\" message=\"Dropping &lt;t&gt; &amp; &quot;u&quot;\">"
                 "versions/a.py:2:10: error[drop-table] Dropping &lt;t&gt; &amp; &quot;u&quot;\n"
                 "help: keep it\nfor one release\n"
                 "docs: https://example.test/docs/rules/drop-table.md\n</failure>") != std::string::npos);
  CHECK(out.find("<failure type=\"warning\"") != std::string::npos);

  std::string clean = render_junit({}, Summary{5}, ci());
  CHECK(clean.find("tests=\"1\" failures=\"0\"") != std::string::npos);
  CHECK(clean.find("name=\"5 revision files checked, no findings\"/>") != std::string::npos);
}
