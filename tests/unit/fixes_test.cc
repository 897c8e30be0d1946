// The fix engine: which fixes are applied (order, overlap, all-or-nothing, safety, several
// files), the edited text (CRLF, UTF-8), unified diffs compared with GNU `diff -u`, and atomic
// writes.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "lint/fixes.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace miglint;
using miglint::testing::TempDir;

namespace {

SourceFilePtr source(const std::string& path, const std::string& text) {
  return std::make_shared<const SourceFile>(path, text);
}

// A finding in `file` whose fix replaces each span (begin, end) with its text.
Diagnostic with_fix(const SourceFilePtr& file, std::vector<Edit> edits, bool safe = true, std::string title = "t") {
  Diagnostic d;
  d.rule = "some-rule";
  d.location = Location{file, edits.empty() ? Span{} : edits.front().span, {}};
  d.fix = Fix{std::move(title), safe, std::move(edits)};
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// The oracle: GNU diff's unified output for the same two texts.
std::string gnu_diff(const std::string& before, const std::string& after) {
  TempDir dir;
  spit(dir.path / "old", before);
  spit(dir.path / "new", after);
  int status = 0;
  std::string out = miglint::testing::run_capture(
      "diff -u --label a/f.py --label b/f.py '" + (dir.path / "old").string() + "' '" + (dir.path / "new").string() + "'",
      &status);
  return out;
}

void check_against_gnu(const std::string& before, const std::string& after) {
  INFO("before:\n" << before << "\nafter:\n" << after);
  CHECK(lint::unified_diff(before, after, "a/f.py", "b/f.py") == gnu_diff(before, after));
}

std::string numbered(int from, int to, const char* eol = "\n") {
  std::string out;
  for (int i = from; i <= to; ++i) out += "line " + std::to_string(i) + eol;
  return out;
}

}  // namespace

TEST_CASE("apply_edits applies edits in position order whatever their order", "[fixes]") {
  std::string text = "abcdefghij";
  std::vector<Edit> edits = {{{8, 10}, "IJ"}, {{0, 1}, ""}, {{4, 4}, "+"}, {{4, 6}, "EF"}};
  // The insertion at 4 goes before the replacement that starts at 4.
  CHECK(lint::apply_edits(text, edits) == "bcd+EFghIJ");
  CHECK(lint::apply_edits(text, {}) == text);
  CHECK(lint::apply_edits(text, {{{10, 10}, "!"}}) == "abcdefghij!");
}

TEST_CASE("plan_fixes keeps the first fix by position and skips overlapping ones", "[fixes]") {
  auto f = source("f.py", "0123456789");
  // Reported in reverse order: position, not report order, decides.
  std::vector<Diagnostic> diags = {with_fix(f, {{{4, 8}, "X"}}), with_fix(f, {{{2, 5}, "Y"}})};
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text == "01Y56789");
  CHECK(plan.applied == 1);
  CHECK(plan.skipped == 1);
}

TEST_CASE("a fix is applied whole or not at all", "[fixes]") {
  auto f = source("f.py", "0123456789");
  std::vector<Diagnostic> diags = {
      with_fix(f, {{{0, 1}, "A"}}),
      // Its second edit overlaps the first fix: neither of its edits is applied.
      with_fix(f, {{{5, 6}, "B"}, {{0, 2}, "C"}}),
      // Touching ranges do not overlap.
      with_fix(f, {{{1, 2}, "D"}, {{9, 10}, "E"}}),
  };
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text == "AD2345678E");
  CHECK(plan.applied == 2);
  CHECK(plan.skipped == 1);
}

TEST_CASE("insertions conflict at one offset or strictly inside a replaced range", "[fixes]") {
  auto f = source("f.py", "0123456789");
  std::vector<Diagnostic> diags = {
      with_fix(f, {{{3, 3}, "a"}}),
      with_fix(f, {{{3, 3}, "b"}}),    // same offset as the first insertion: skipped
      with_fix(f, {{{3, 6}, "R"}}),    // starts where the insertion is: fine, goes after it
      with_fix(f, {{{5, 5}, "c"}}),    // strictly inside the replacement: skipped
      with_fix(f, {{{6, 6}, "d"}}),    // at its end: fine
  };
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text == "012aRd6789");
  CHECK(plan.applied == 3);
  CHECK(plan.skipped == 2);
}

TEST_CASE("identical fixes of two findings are applied once and both count", "[fixes]") {
  auto f = source("f.py", "# miglint: ignore[a, b]\nx = 1\n");
  std::vector<Diagnostic> diags = {with_fix(f, {{{0, 24}, ""}}), with_fix(f, {{{0, 24}, ""}})};
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text == "x = 1\n");
  CHECK(plan.applied == 2);
  CHECK(plan.skipped == 0);
}

TEST_CASE("unsafe fixes only when asked; malformed fixes never", "[fixes]") {
  auto f = source("f.py", "abc");
  std::vector<Diagnostic> diags = {
      with_fix(f, {{{0, 1}, "A"}}, /*safe=*/false),
      with_fix(f, {{{2, 9}, "C"}}),                  // past the end
      with_fix(f, {{{1, 2}, "B"}, {{1, 2}, "b"}}),   // overlaps itself
      with_fix(f, {}),                               // no edits
  };
  lint::FixPlan safe = lint::plan_fixes(diags, false);
  CHECK(safe.files.empty());
  CHECK(safe.applied == 0);
  CHECK(safe.skipped == 3);
  lint::FixPlan all = lint::plan_fixes(diags, true);
  REQUIRE(all.files.size() == 1);
  CHECK(all.files[0].text == "Abc");
  CHECK(all.applied == 1);
}

TEST_CASE("fixes in several files give one change per file, sorted by path", "[fixes]") {
  auto b = source("versions/b.py", "bbb\n");
  auto a = source("versions/a.py", "aaa\n");
  auto c = source("versions/c.py", "ccc\n");
  Diagnostic no_fix;
  no_fix.location = Location{c, {0, 1}, {}};
  std::vector<Diagnostic> diags = {with_fix(b, {{{0, 1}, "B"}}), no_fix, with_fix(a, {{{2, 3}, "A"}}),
                                   with_fix(b, {{{2, 3}, "B"}}), with_fix(c, {{{0, 1}, "c"}})};
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 2);  // c.py's only fix changes nothing
  CHECK(plan.files[0].file == a);
  CHECK(plan.files[0].text == "aaA\n");
  CHECK(plan.files[0].fixes == 1);
  CHECK(plan.files[1].file == b);
  CHECK(plan.files[1].text == "BbB\n");
  CHECK(plan.files[1].fixes == 2);
  CHECK(plan.applied == 4);
}

TEST_CASE("edits keep CRLF line ends and UTF-8 text intact", "[fixes]") {
  std::string crlf = "x = 1\r\ny = 2  # été\r\nz = 3\r\n";
  auto f = source("f.py", crlf);
  size_t y = crlf.find("y = 2");
  size_t comment = crlf.find("  # été");
  std::vector<Diagnostic> diags = {
      with_fix(f, {{{static_cast<uint32_t>(comment), static_cast<uint32_t>(comment + 9)}, ""}}),
      with_fix(f, {{{static_cast<uint32_t>(y), static_cast<uint32_t>(y + 1)}, "ÿ"}}),
  };
  CHECK(comment + 9 == crlf.find("\r\nz"));  // "  # été" is 9 bytes: é is two
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text == "x = 1\r\nÿ = 2\r\nz = 3\r\n");
  check_against_gnu(crlf, plan.files[0].text);
}

TEST_CASE("unified_diff matches GNU diff -u", "[fixes][diff]") {
  const std::string base = numbered(1, 30);
  auto replace_line = [&](std::string text, int n, const std::string& with) {
    std::string line = "line " + std::to_string(n) + "\n";
    size_t at = text.find(line);
    return text.replace(at, line.size(), with);
  };
  CHECK(lint::unified_diff(base, base, "a/f.py", "b/f.py").empty());
  check_against_gnu(base, replace_line(base, 15, "changed\n"));                 // middle
  check_against_gnu(base, replace_line(base, 1, "changed\n"));                  // first line
  check_against_gnu(base, replace_line(base, 30, "changed\n"));                 // last line
  check_against_gnu(base, replace_line(base, 2, ""));                           // deletion near the start
  check_against_gnu(base, replace_line(base, 29, "new a\nnew b\nline 29\n"));   // insertion near the end
  check_against_gnu(base, replace_line(replace_line(base, 10, "x\n"), 16, "y\n"));  // 5 equal lines apart: one hunk
  check_against_gnu(base, replace_line(replace_line(base, 10, "x\n"), 17, "y\n"));  // 6 apart: still one
  check_against_gnu(base, replace_line(replace_line(base, 10, "x\n"), 18, "y\n"));  // 7 apart: two hunks
  check_against_gnu(base, base + "appended\n");
  check_against_gnu("", "new file\n");
  check_against_gnu("only line\n", "");
  check_against_gnu("a\nb\nc", "a\nb\nc\n");       // adds the final newline
  check_against_gnu("a\nb\nc\n", "a\nb\nc");       // removes it
  check_against_gnu("a\nb\nc", "a\nB\nc");         // unchanged last line without newline
  check_against_gnu("a\nb\nc", "a\nb\nC");
  check_against_gnu(numbered(1, 12, "\r\n"), "x\r\n" + numbered(2, 12, "\r\n"));
  check_against_gnu("def f():\n    pass  # miglint: ignore[x] — é\n", "def f():\n    pass\n");
}

// Lines added plus lines removed, headers excluded.
size_t changed_lines(const std::string& diff) {
  size_t n = 0;
  std::istringstream in(diff);
  std::string line;
  for (int i = 0; std::getline(in, line); ++i)
    if (i >= 2 && !line.empty() && (line[0] == '+' || line[0] == '-')) ++n;
  return n;
}

// What applying `diff` to `before` gives, through `git apply` (outside any repository).
std::string git_apply(const std::string& before, const std::string& diff) {
  TempDir dir;
  spit(dir.path / "f.py", before);
  spit(dir.path / "change.diff", diff);
  int status = 0;
  miglint::testing::run_capture("cd '" + dir.path.string() + "' && git apply change.diff 2>&1", &status);
  return status == 0 ? slurp(dir.path / "f.py") : "<git apply failed>";
}

TEST_CASE("unified_diff matches GNU diff -u on random edits of a file", "[fixes][diff]") {
  std::mt19937 rng(20240301);
  int alternatives = 0;
  for (int round = 0; round < 200; ++round) {
    // Distinct lines (like code) and repeated blank lines, so placement choices are real.
    std::vector<std::string> lines;
    int n = 5 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) lines.push_back(rng() % 5 == 0 ? "\n" : "stmt " + std::to_string(i) + "\n");
    std::string before, after;
    for (const auto& l : lines) before += l;
    for (int i = 0; i < n; ++i) {
      switch (rng() % 8) {
        case 0: break;                                                         // delete
        case 1: after += "new " + std::to_string(i) + "\n" + lines[i]; break;  // insert before
        case 2: after += "changed " + std::to_string(i) + "\n"; break;        // replace
        default: after += lines[i];
      }
    }
    std::string ours = lint::unified_diff(before, after, "a/f.py", "b/f.py");
    std::string gnu = gnu_diff(before, after);
    if (ours == gnu) continue;
    // GNU's comparison may pick another of several shortest scripts: ours must then be just as
    // short and apply cleanly.
    INFO("before:\n" << before << "\nafter:\n" << after << "\nours:\n" << ours << "\nGNU:\n" << gnu);
    ++alternatives;
    CHECK(changed_lines(ours) == changed_lines(gnu));
    CHECK(git_apply(before, ours) == after);
  }
  // With the same placement rules, such ties are rare (1 in 200 with this seed).
  CHECK(alternatives <= 4);
}

TEST_CASE("write_file_atomically replaces content and keeps mode and symlinks", "[fixes]") {
  TempDir dir;
  fs::path file = dir.path / "rev.py";
  spit(file, "old\n");
  ::chmod(file.c_str(), 0640);
  std::string error;
  REQUIRE(lint::write_file_atomically(file.string(), "new\r\ntext é\n", &error));
  CHECK(slurp(file) == "new\r\ntext é\n");
  struct stat st;
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);

  fs::path link = dir.path / "link.py";
  fs::create_symlink(file, link);
  REQUIRE(lint::write_file_atomically(link.string(), "via link\n", &error));
  CHECK(fs::is_symlink(link));
  CHECK(slurp(file) == "via link\n");

  CHECK_FALSE(lint::write_file_atomically((dir.path / "missing" / "x.py").string(), "x", &error));
  CHECK(error.find("missing") != std::string::npos);
  // No temporary file is left behind.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) entries += e.path().filename().string()[0] != '.' ? 1 : 100;
  CHECK(entries == 2);
}
