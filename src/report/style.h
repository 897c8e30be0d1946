// ANSI styling for terminal output, off unless colour is wanted.
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostic.h"

namespace miglint::report {

struct Style {
  bool color = false;

  std::string paint(std::string_view code, std::string_view text) const {
    if (!color) return std::string(text);
    return std::string("\x1b[") + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }
  std::string bold(std::string_view t) const { return paint("1", t); }
  std::string gutter(std::string_view t) const { return paint("1;34", t); }
  std::string severity(Severity s, std::string_view t) const {
    switch (s) {
      case Severity::Error: return paint("1;31", t);
      case Severity::Warning: return paint("1;33", t);
      default: return paint("1;36", t);
    }
  }
};

}  // namespace miglint::report
