// What the fuzz targets share: invariant checks that abort with a message (so libFuzzer, and the
// replay executables under ctest, report a broken invariant exactly like a crash), span and
// diagnostic checks, and a private scratch folder for targets that must go through files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

// The libFuzzer entry point every target defines; the replay executable calls it too.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace miglint::fuzz {

// Prints "invariant failed: <what>" with the place and aborts. Not an assert: it must stay on in
// release builds, because the replay tests run the normal (NDEBUG) build.
[[noreturn]] void fail(const char* file, int line, const std::string& what);

#define FUZZ_CHECK(cond, what)                                                 \
  do {                                                                         \
    if (!(cond)) ::miglint::fuzz::fail(__FILE__, __LINE__, std::string(what)); \
  } while (0)

// A span that lies inside `file` (begin <= end <= size).
void check_span(const SourceFile& file, Span span, std::string_view what);

// A diagnostic a user could be shown: a rule id and a message, and every place it names (its
// location, its notes, its origin, its fix's edits) inside the file it names. When `only` is
// given, a located diagnostic must point into that file (a front end reports on its input only).
void check_diagnostic(const Diagnostic& d, const SourceFile* only = nullptr);
void check_diagnostics(const std::vector<Diagnostic>& diags, const SourceFile* only = nullptr);

// A folder of this process's own, created on first use and removed at exit: under
// $MIGLINT_FUZZ_TMP, else /dev/shm (so writing a generated project costs no disk I/O), else
// the temp folder.
const std::string& scratch_dir();
// Removes everything inside `dir`, keeping `dir`.
void clear_dir(const std::string& dir);
// Writes `text` to `path`, creating its parent folders.
void write_file(const std::string& path, std::string_view text);

}  // namespace miglint::fuzz
