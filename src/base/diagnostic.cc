#include "base/diagnostic.h"

#include <tuple>

#include "base/paths.h"

namespace miglint {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
    case Severity::Off: return "off";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "error") return Severity::Error;
  if (name == "warning" || name == "warn") return Severity::Warning;
  if (name == "info") return Severity::Info;
  if (name == "off" || name == "none") return Severity::Off;
  return std::nullopt;
}

std::string Location::display_path() const { return miglint::display_path(raw_path()); }

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  const std::string& pa = a.location.raw_path();
  const std::string& pb = b.location.raw_path();
  return std::tie(pa, a.location.span.begin, a.rule, a.message) <
         std::tie(pb, b.location.span.begin, b.rule, b.message);
}

}  // namespace miglint
