// Helpers the unit tests share: running a command (the Python oracles) and a temporary folder.
#pragma once

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace miglint::testing {

// Runs `command` through the shell; returns its standard output and sets `status` (pclose's).
inline std::string run_capture(const std::string& command, int* status) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  *status = pclose(p);
  return out;
}

// A fresh folder under the system temp folder (its real path), removed with everything in it.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "miglint-test-XXXXXX").string();
    path = std::filesystem::canonical(mkdtemp(tmpl.data()));
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// A temporary project folder to write configuration and revision files into. ALEMBIC_CONFIG is
// cleared so that discovery sees only what the test writes.
struct TempProject {
  TempDir dir;
  const std::filesystem::path& root = dir.path;

  TempProject() { unsetenv("ALEMBIC_CONFIG"); }

  // Writes `text` to `relative` (creating folders) and returns the absolute path.
  std::string file(const std::string& relative, const std::string& text = "") const {
    std::filesystem::path p = root / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path(const std::string& relative) const { return (root / relative).string(); }
};

}  // namespace miglint::testing
