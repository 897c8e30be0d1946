// Opening the connection a command asked for, with the one-line failure message the CLI
// prints (`cannot connect to <target>: <libpq's first line>`), password scrubbed.
#pragma once

#include <optional>
#include <string>

#include "exec/connection_settings.h"
#include "exec/pg_connection.h"

namespace miglint::exec {

struct OpenResult {
  Connection connection;        // connected when error is empty
  std::string target;           // where, without the password
  std::optional<std::string> error;  // the whole message line, without "miglint: "
};

OpenResult open_connection(const ConnectionSettings& settings);

}  // namespace miglint::exec
