#include "base/paths.h"

#include <filesystem>

namespace miglint {

std::string display_path(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty() || path.front() == '<') return path;  // "<configuration>" and the like
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return path;
  fs::path abs = fs::absolute(path, ec);
  if (ec) return path;
  abs = abs.lexically_normal();
  fs::path rel = abs.lexically_relative(cwd);
  if (rel.empty() || *rel.begin() == "..") return abs.string();
  return rel.string();
}

}  // namespace miglint
