// A PostgreSQL connection over libpq, the only place that includes libpq-fe.h (as
// src/sql/pg_query.cc is for libpg_query). Results come back as strings; errors as PostgreSQL
// reports them (message, SQLSTATE, position), never as exceptions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::exec {

// A statement PostgreSQL refused (or a broken connection: sqlstate "" then).
struct PgError {
  std::string message;   // the primary message, one line
  std::string sqlstate;  // "42P01"; "" when the server did not send one
  int position = 0;      // 1-based character offset into the statement; 0 when not given
  std::string detail, hint;
};

using Row = std::vector<std::optional<std::string>>;  // nullopt: SQL NULL

struct ExecResult {
  std::optional<PgError> error;
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::string command_tag;  // "CREATE TABLE", "INSERT 0 1"
  bool ok() const { return !error; }
};

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects with a libpq conninfo (key=value or URI; "" reads PGHOST, PGPORT, … and
  // PGSERVICE). On failure returns the first line of libpq's message; the connection object
  // still describes where it tried (target()).
  std::optional<std::string> connect(const std::string& conninfo);
  bool connected() const;
  // "user@host:port/dbname" as libpq resolved it; never the password.
  std::string target() const;
  // PQserverVersion: 150004 for 15.4; 0 when not connected.
  int server_version_num() const;

  ExecResult exec(std::string_view sql);
  // One statement with $1, $2 … bound as text (NULL for nullopt).
  ExecResult exec_params(std::string_view sql, const std::vector<std::optional<std::string>>& params);

  // Transactions; each returns the error PostgreSQL gave, if any.
  std::optional<PgError> begin();
  std::optional<PgError> commit();
  std::optional<PgError> rollback();
  // PQtransactionStatus says a transaction is open (also after an error inside one).
  bool in_transaction() const;

  // An identifier quoted as PostgreSQL needs it (PQescapeIdentifier).
  std::string quote_identifier(std::string_view name) const;
  // A string literal quoted for SQL text ('…' with quotes doubled, E'' when needed).
  std::string quote_literal(std::string_view value) const;

  // The server process serving this connection (PQbackendPID); 0 when not connected.
  int backend_pid() const;

  // While the returned guard lives, SIGINT and SIGTERM cancel the statement this connection is
  // running (PQcancel, which is safe in a signal handler) instead of killing miglint: the
  // statement fails with PostgreSQL's "canceling statement due to user request", its
  // transaction is rolled back, and miglint reports where the database is. `interrupted()`
  // says a signal came (also between statements). A second signal kills as usual.
  class InterruptGuard {
   public:
    explicit InterruptGuard(Connection& connection);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
  };
  static bool interrupted();

  // NOTICE and WARNING messages the server sent since the last call (libpq would otherwise
  // print them to stderr, interleaved with miglint's own output).
  std::vector<std::string> take_notices();

 private:
  void* conn_ = nullptr;  // PGconn*, kept opaque so no other file sees libpq-fe.h
  // Owned on the heap so the notice receiver's pointer survives moving the Connection.
  std::unique_ptr<std::vector<std::string>> notices_ = std::make_unique<std::vector<std::string>>();
};

}  // namespace miglint::exec
