// The process runner and git queries behind `check --since` (src/config/git.h, changed_files.h).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "config/changed_files.h"
#include "config/git.h"
#include "test_support.h"

using namespace miglint;

TEST_CASE("run_process captures stdout, stderr and the exit status without a shell") {
  ProcessResult r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  CHECK(r.started);
  CHECK(r.exit_code == 3);
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");

  // An argument is passed as is: no word splitting, no globbing.
  ProcessResult echo = run_process({"printf", "%s|", "a b", "*"});
  CHECK(echo.out == "a b|*|");

  ProcessResult missing = run_process({"miglint-no-such-program"});
  CHECK_FALSE(missing.started);
  CHECK_FALSE(missing.error.empty());
}

TEST_CASE("run_process runs the child in the given directory") {
  ProcessResult r = run_process({"pwd"}, "/usr/share");
  REQUIRE(r.started);
  CHECK(r.out == "/usr/share\n");
}

TEST_CASE("run_process drains large outputs on both pipes") {
  ProcessResult r =
      run_process({"sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.size() == 300000);
  CHECK(r.err.size() == 300000);
}

TEST_CASE("changed_since lists added, modified, renamed and untracked files") {
  miglint::testing::TempDir dir;
  std::string root = dir.path.string();
  std::vector<Diagnostic> diags;
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"});
    REQUIRE(config::run_git(root, args, diags));
  };
  auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir.path / name) << text; };

  // Outside any repository, and with an unknown REF: one config-error each.
  auto none = config::changed_since(root, "main", diags);
  CHECK_FALSE(none);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "config-error");
  diags.clear();

  git({"init", "-q", "-b", "main"});
  write("kept.py", "a = 1\n");
  write("edited.py", "b = 1\n");
  write("moved.py", "c = 1\nc2 = 2\nc3 = 3\nc4 = 4\n");
  write("gone.py", "d = 1\n");
  git({"add", "-A"});
  git({"commit", "-q", "-m", "base"});
  git({"checkout", "-q", "-b", "topic"});
  write("edited.py", "b = 2\n");
  git({"mv", "moved.py", "renamed.py"});
  git({"rm", "-q", "gone.py"});
  write("added.py", "e = 1\n");
  git({"add", "added.py"});
  git({"commit", "-q", "-m", "topic"});
  write("untracked.py", "f = 1\n");

  auto changed = config::changed_since(root, "main", diags);
  REQUIRE(changed);
  CHECK(diags.empty());
  CHECK(changed->root == root);
  std::map<std::string, std::string> files;
  for (const auto& f : changed->files) files[f.path.substr(root.size() + 1)] = f.base_path;
  CHECK(files == std::map<std::string, std::string>{
                     {"added.py", ""}, {"edited.py", "edited.py"}, {"renamed.py", "moved.py"}, {"untracked.py", ""}});

  auto old_text = config::file_at(changed->root, changed->base, "edited.py", diags);
  REQUIRE(old_text);
  CHECK(*old_text == "b = 1\n");

  CHECK_FALSE(config::changed_since(root, "no-such-ref", diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.find("no-such-ref") != std::string::npos);
}
