#include "fuzz_support.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace miglint::fuzz {

void fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what.c_str());
  std::fflush(stderr);
  std::abort();
}

void check_span(const SourceFile& file, Span span, std::string_view what) {
  size_t size = file.text().size();
  if (span.begin <= span.end && span.end <= size) return;
  fail(__FILE__, __LINE__,
       std::string(what) + ": span [" + std::to_string(span.begin) + ", " + std::to_string(span.end) +
           ") outside " + file.path() + " (" + std::to_string(size) + " bytes)");
}

namespace {

void check_location(const Location& loc, const SourceFile* only, std::string_view what) {
  if (!loc.file) {
    FUZZ_CHECK(loc.span.empty() || !loc.path.empty(), std::string(what) + ": a span without a file");
    return;
  }
  if (only) FUZZ_CHECK(loc.file.get() == only, std::string(what) + " points into " + loc.file->path());
  check_span(*loc.file, loc.span, what);
}

}  // namespace

void check_diagnostic(const Diagnostic& d, const SourceFile* only) {
  std::string what = "[" + d.rule + "] " + d.message;
  FUZZ_CHECK(!d.rule.empty(), "a diagnostic without a rule id: " + d.message);
  FUZZ_CHECK(!d.message.empty(), "a diagnostic without a message: " + d.rule);
  FUZZ_CHECK(d.location.file || !d.location.path.empty(), what + ": no file and no path");
  check_location(d.location, only, what);
  for (const Note& n : d.notes)
    if (n.location) check_location(*n.location, nullptr, what + " (note: " + n.message + ")");
  if (d.origin) {
    FUZZ_CHECK(d.location.file != nullptr, what + ": an origin without a file");
    check_span(*d.location.file, *d.origin, what + " (origin)");
  }
  if (d.fix) {
    FUZZ_CHECK(d.location.file != nullptr, what + ": a fix without a file");
    for (const Edit& e : d.fix->edits) check_span(*d.location.file, e.span, what + " (fix edit)");
  }
}

void check_diagnostics(const std::vector<Diagnostic>& diags, const SourceFile* only) {
  for (const Diagnostic& d : diags) check_diagnostic(d, only);
}

namespace {

struct Scratch {
  std::string path;
  Scratch() {
    // scripts/fuzz.sh names a folder it removes afterwards (a crashing run leaves its scratch
    // folder behind); else /dev/shm, else the temp folder.
    std::error_code ec;
    std::filesystem::path base;
    if (const char* env = getenv("MIGLINT_FUZZ_TMP"); env && *env) base = env;
    else if (std::filesystem::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0) base = "/dev/shm";
    else base = std::filesystem::temp_directory_path();
    std::string tmpl = (base / "miglint-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) fail(__FILE__, __LINE__, "cannot create a scratch folder under " + base.string());
    // Canonical, as load_project reports paths relative to the working directory.
    path = std::filesystem::canonical(tmpl).string();
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

const std::string& scratch_dir() {
  static Scratch scratch;
  return scratch.path;
}

void clear_dir(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) std::filesystem::remove_all(entry.path(), ec);
}

void write_file(const std::string& path, std::string_view text) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  FUZZ_CHECK(out.good(), "cannot write " + path);
}

}  // namespace miglint::fuzz
