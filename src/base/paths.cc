#include "base/paths.h"

#include <filesystem>

namespace miglint {

std::string display_path(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty() || path.front() == '<') return path;  // "<configuration>" and the like
  // The working directory does not change during a run; ask the kernel once.
  static const fs::path cwd = [] {
    std::error_code ec;
    fs::path p = fs::current_path(ec);
    return ec ? fs::path() : p;
  }();
  if (cwd.empty()) return path;
  fs::path abs = fs::path(path).is_absolute() ? fs::path(path) : cwd / path;
  abs = abs.lexically_normal();
  fs::path rel = abs.lexically_relative(cwd);
  if (rel.empty() || *rel.begin() == "..") return abs.string();
  return rel.string();
}

}  // namespace miglint
