// libpq behind Connection (see pg_connection.h).
#include "exec/pg_connection.h"

#include <libpq-fe.h>
#include <signal.h>

#include <string>
#include <utility>

#include <fmt/format.h>

namespace miglint::exec {
namespace {

PGconn* pg(void* c) { return static_cast<PGconn*>(c); }

std::string first_line(const char* text) {
  std::string s = text ? text : "";
  if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

ExecResult read_result(PGconn* conn, PGresult* r) {
  ExecResult out;
  if (!r) {
    out.error = PgError{first_line(PQerrorMessage(conn)), "", 0, "", ""};
    return out;
  }
  ExecStatusType status = PQresultStatus(r);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY) {
    int ncols = PQnfields(r), nrows = PQntuples(r);
    for (int c = 0; c < ncols; ++c) out.columns.emplace_back(PQfname(r, c));
    for (int i = 0; i < nrows; ++i) {
      Row row;
      for (int c = 0; c < ncols; ++c)
        row.push_back(PQgetisnull(r, i, c) ? std::nullopt
                                           : std::optional<std::string>(PQgetvalue(r, i, c)));
      out.rows.push_back(std::move(row));
    }
    out.command_tag = PQcmdStatus(r);
  } else {
    PgError e;
    e.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
    if (e.message.empty()) e.message = first_line(PQresultErrorMessage(r));
    if (e.message.empty()) e.message = first_line(PQerrorMessage(conn));
    e.sqlstate = field(r, PG_DIAG_SQLSTATE);
    std::string pos = field(r, PG_DIAG_STATEMENT_POSITION);
    e.position = pos.empty() ? 0 : std::stoi(pos);
    e.detail = field(r, PG_DIAG_MESSAGE_DETAIL);
    e.hint = field(r, PG_DIAG_MESSAGE_HINT);
    out.error = std::move(e);
  }
  PQclear(r);
  return out;
}

// Keeps the server's NOTICE/WARNING lines (severity and message) for take_notices().
void collect_notice(void* arg, const PGresult* r) {
  auto* sink = static_cast<std::vector<std::string>*>(arg);
  std::string severity = field(r, PG_DIAG_SEVERITY);
  std::string message = field(r, PG_DIAG_MESSAGE_PRIMARY);
  sink->push_back(severity.empty() ? message : severity + ": " + message);
}

// The one connection SIGINT/SIGTERM cancel (InterruptGuard); only touched by the guard and the
// handler.
PGcancel* volatile g_cancel = nullptr;
volatile sig_atomic_t g_interrupted = 0;
struct sigaction g_old_int, g_old_term;

void on_interrupt(int sig) {
  if (g_interrupted) {
    // A second signal: the default behaviour (the server rolls back when it notices).
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
    raise(sig);
    return;
  }
  g_interrupted = 1;
  if (PGcancel* c = g_cancel) {
    char err[256];
    PQcancel(c, err, sizeof err);
  }
}

}  // namespace

Connection::InterruptGuard::InterruptGuard(Connection& connection) {
  g_interrupted = 0;
  g_cancel = connection.conn_ ? PQgetCancel(pg(connection.conn_)) : nullptr;
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_old_int);
  sigaction(SIGTERM, &sa, &g_old_term);
}

Connection::InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_old_int, nullptr);
  sigaction(SIGTERM, &g_old_term, nullptr);
  if (PGcancel* c = g_cancel) {
    g_cancel = nullptr;
    PQfreeCancel(c);
  }
}

bool Connection::interrupted() { return g_interrupted != 0; }

Connection::~Connection() {
  if (conn_) PQfinish(pg(conn_));
}

Connection::Connection(Connection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      notices_(std::exchange(other.notices_, std::make_unique<std::vector<std::string>>())) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (conn_) PQfinish(pg(conn_));
    conn_ = std::exchange(other.conn_, nullptr);
    notices_ = std::exchange(other.notices_, std::make_unique<std::vector<std::string>>());
  }
  return *this;
}

std::optional<std::string> Connection::connect(const std::string& conninfo) {
  if (conn_) PQfinish(pg(conn_));
  conn_ = PQconnectdb(conninfo.c_str());
  if (!conn_) return std::string("out of memory");
  if (PQstatus(pg(conn_)) == CONNECTION_OK) {
    PQsetNoticeReceiver(pg(conn_), collect_notice, notices_.get());
    return std::nullopt;
  }
  // libpq prefixes a host-specific line ("connection to server at … failed: FATAL: …"):
  // its first line carries both where and why.
  std::string message = first_line(PQerrorMessage(pg(conn_)));
  return message.empty() ? std::string("connection failed") : message;
}

bool Connection::connected() const { return conn_ && PQstatus(pg(conn_)) == CONNECTION_OK; }

std::string Connection::target() const {
  if (!conn_) return "";
  auto s = [](const char* v) { return std::string(v ? v : ""); };
  std::string host = s(PQhost(pg(conn_)));
  return fmt::format("{}@{}:{}/{}", s(PQuser(pg(conn_))), host, s(PQport(pg(conn_))), s(PQdb(pg(conn_))));
}

int Connection::server_version_num() const { return connected() ? PQserverVersion(pg(conn_)) : 0; }

ExecResult Connection::exec(std::string_view sql) {
  if (!connected()) return ExecResult{PgError{"not connected", "", 0, "", ""}, {}, {}, ""};
  return read_result(pg(conn_), PQexec(pg(conn_), std::string(sql).c_str()));
}

ExecResult Connection::exec_params(std::string_view sql,
                                   const std::vector<std::optional<std::string>>& params) {
  if (!connected()) return ExecResult{PgError{"not connected", "", 0, "", ""}, {}, {}, ""};
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return read_result(pg(conn_), PQexecParams(pg(conn_), std::string(sql).c_str(),
                                             static_cast<int>(values.size()), nullptr,
                                             values.data(), nullptr, nullptr, 0));
}

std::optional<PgError> Connection::begin() { return exec("BEGIN").error; }
std::optional<PgError> Connection::commit() {
  ExecResult r = exec("COMMIT");
  // COMMIT of a transaction an error aborted succeeds as a ROLLBACK: that is a failure here.
  if (r.ok() && r.command_tag == "ROLLBACK")
    return PgError{"the transaction was aborted; COMMIT rolled it back", "25P02", 0, "", ""};
  return r.error;
}
std::optional<PgError> Connection::rollback() { return exec("ROLLBACK").error; }

int Connection::backend_pid() const { return connected() ? PQbackendPID(pg(conn_)) : 0; }

std::vector<std::string> Connection::take_notices() { return std::exchange(*notices_, {}); }

std::string Connection::quote_literal(std::string_view value) const {
  if (conn_) {
    if (char* q = PQescapeLiteral(pg(conn_), value.data(), value.size())) {
      std::string out(q);
      PQfreemem(q);
      return out;
    }
  }
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

bool Connection::in_transaction() const {
  if (!conn_) return false;
  PGTransactionStatusType t = PQtransactionStatus(pg(conn_));
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

std::string Connection::quote_identifier(std::string_view name) const {
  if (conn_) {
    if (char* q = PQescapeIdentifier(pg(conn_), name.data(), name.size())) {
      std::string out(q);
      PQfreemem(q);
      return out;
    }
  }
  // Without a connection: PostgreSQL's rule (double the quotes) is encoding-independent for
  // UTF-8.
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace miglint::exec
