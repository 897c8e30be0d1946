#include "exec/connect.h"

#include <fmt/format.h>

namespace miglint::exec {

OpenResult open_connection(const ConnectionSettings& settings) {
  OpenResult out;
  if (settings.error) {
    out.error = *settings.error;
    return out;
  }
  std::optional<std::string> failed = out.connection.connect(settings.conninfo);
  // libpq's environment: only the connection knows which host, port, user and database it
  // resolved.
  out.target = scrub(settings.display.empty() ? out.connection.target() : settings.display, settings.secrets);
  if (failed)
    out.error = scrub(fmt::format("cannot connect to {}: {}", out.target, *failed), settings.secrets);
  return out;
}

}  // namespace miglint::exec
