// The BasicInterpolation half of the configparser-compatible reader (IniFile::get): `%(name)s`
// references, `%%` escapes, a depth limit of 10, as in CPython 3.11's configparser.
#include <fmt/format.h>

#include "config/ini.h"
#include "config/py_text.h"

namespace miglint::config {
namespace {

constexpr int kMaxInterpolationDepth = 10;  // configparser.MAX_INTERPOLATION_DEPTH
// configparser has no size limit, but ten levels of options that each name the next one ten
// times expand to 10^10 copies ("billion laughs"): configparser, and so Alembic, would run out
// of memory. No real setting is a megabyte long; past that the value is an error.
constexpr size_t kMaxInterpolatedSize = 1 << 20;

struct Interpolator {
  const IniFile& file;
  std::string_view section;
  const IniOption& option;  // the option being read; errors are reported on it

  IniError make_error(IniErrorKind kind, std::string message) const {
    return {kind, option.line, option.value_span, std::move(message)};
  }

  bool run(std::string& out, std::string_view rest, int depth, std::optional<IniError>* error) const {
    if (depth > kMaxInterpolationDepth) {
      *error = make_error(IniErrorKind::InterpolationDepth,
                          fmt::format("Option {} in section {} refers to other options more than {} levels deep",
                                      py_repr(option.name), py_repr(section), kMaxInterpolationDepth));
      return false;
    }
    while (!rest.empty()) {
      if (out.size() > kMaxInterpolatedSize) {
        // Reported as a depth error, the closest configparser has.
        *error = make_error(IniErrorKind::InterpolationDepth,
                            fmt::format("Option {} in section {} expands to more than {} MiB through its "
                                        "%(name)s references",
                                        py_repr(option.name), py_repr(section), kMaxInterpolatedSize >> 20));
        return false;
      }
      size_t p = rest.find('%');
      if (p == std::string_view::npos) {
        out += rest;
        return true;
      }
      out += rest.substr(0, p);
      rest.remove_prefix(p);
      char c = rest.size() > 1 ? rest[1] : '\0';
      if (c == '%') {
        out += '%';
        rest.remove_prefix(2);
      } else if (c == '(') {
        // _KEYCRE: %\(([^)]+)\)s
        size_t close = rest.find(')', 2);
        if (close == std::string_view::npos || close == 2 || close + 1 >= rest.size() || rest[close + 1] != 's') {
          *error = make_error(IniErrorKind::InterpolationSyntax,
                              fmt::format("Bad interpolation variable reference {} in option {}",
                                          py_repr(rest), py_repr(option.name)));
          return false;
        }
        std::string var = py_lower(rest.substr(2, close - 2));
        rest.remove_prefix(close + 2);
        const IniOption* target = file.find(section, var);
        if (!target) {
          *error = make_error(IniErrorKind::InterpolationMissingOption,
                              fmt::format("Option {} in section {} refers to %({})s, which is not an option "
                                          "of the section or of [DEFAULT]",
                                          py_repr(option.name), py_repr(section), var));
          return false;
        }
        if (target->value.find('%') != std::string::npos) {
          if (!run(out, target->value, depth + 1, error)) return false;
        } else {
          out += target->value;
        }
      } else {
        *error = make_error(IniErrorKind::InterpolationSyntax,
                            fmt::format("In option {}, '%' must be followed by '%' or '(', found {}",
                                        py_repr(option.name), py_repr(rest)));
        return false;
      }
    }
    return true;
  }
};

}  // namespace

std::optional<std::string> IniFile::get(std::string_view section_name, std::string_view key,
                                        std::optional<IniError>* error) const {
  if (error) error->reset();
  const IniOption* option = find(section_name, key);
  if (!option) return std::nullopt;
  std::optional<IniError> local;
  std::string out;
  if (!Interpolator{*this, section_name, *option}.run(out, option->value, 1, &local)) {
    if (error) *error = std::move(local);
    return std::nullopt;
  }
  return out;
}

}  // namespace miglint::config
