// How paths are shown to people: relative to the working directory when below it.
#pragma once

#include <string>

namespace miglint {

// `path` relative to the current directory when it lies below it (as ruff and rustc show paths,
// so output is short and the same on every machine); otherwise the absolute, normalised path.
std::string display_path(const std::string& path);

}  // namespace miglint
