#include "exec/scratch_cluster.h"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "base/process.h"

namespace miglint::exec {
namespace {

namespace fs = std::filesystem;

std::string first_line(const std::string& text) {
  std::string s = text.substr(0, text.find('\n'));
  return s.empty() ? text : s;
}

// The newest /usr/lib/postgresql/<major>/bin with an initdb (Debian's layout).
std::string debian_bin_dir() {
  std::string best;
  int best_major = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    int major = std::atoi(entry.path().filename().c_str());
    if (major > best_major && fs::exists(entry.path() / "bin" / "initdb", ec)) {
      best_major = major;
      best = (entry.path() / "bin").string();
    }
  }
  return best;
}

}  // namespace

ScratchCluster::~ScratchCluster() { stop(); }

std::optional<std::string> ScratchCluster::start(const std::string& bin_dir) {
  std::error_code ec;
  bin_ = bin_dir;
  if (bin_.empty()) {
    ProcessResult r = run_process({"pg_config", "--bindir"});
    std::string dir = r.started && r.exit_code == 0 ? first_line(r.out) : "";
    if (!dir.empty() && fs::exists(fs::path(dir) / "initdb", ec)) bin_ = dir;
  }
  if (bin_.empty()) bin_ = debian_bin_dir();
  if (bin_.empty() || !fs::exists(fs::path(bin_) / "initdb", ec) || !fs::exists(fs::path(bin_) / "pg_ctl", ec))
    return std::string(
        "no PostgreSQL server binaries found (initdb, pg_ctl: tried pg_config --bindir and "
        "/usr/lib/postgresql/*/bin); install them (Debian: postgresql-15) or pass --database-url "
        "to a scratch database");

  std::vector<std::string> prefix;
  if (::geteuid() == 0) {
    // initdb and postgres refuse to run as root.
    if (!::getpwnam("postgres"))
      return std::string("running as root, and there is no `postgres` user to run the scratch server as; "
                         "run miglint as another user or pass --database-url");
    run_as_ = "postgres";
    prefix = {"runuser", "-u", "postgres", "--"};
  }

  std::string tmpl = (fs::temp_directory_path(ec) / "miglint-scratch-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return fmt::format("cannot create a temporary folder: {}", std::strerror(errno));
  dir_ = tmpl;
  if (!run_as_.empty()) {
    struct passwd* pw = ::getpwnam(run_as_.c_str());
    if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      return fmt::format("cannot hand {} to the postgres user: {}", dir_, std::strerror(errno));
  }

  auto cmd = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = prefix;
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, dir_);
  };
  ProcessResult init = cmd({bin_ + "/initdb", "-D", dir_ + "/data", "-U", user_, "-A", "trust", "-E", "UTF8",
                            "--locale=C.UTF-8", "--no-sync"});
  if (!init.started || init.exit_code != 0)
    return fmt::format("initdb failed: {}", init.started ? first_line(init.err.empty() ? init.out : init.err) : init.error);
  // The log file matters: without -l the postmaster would inherit our pipes and keep them open.
  ProcessResult start = cmd({bin_ + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/server.log", "-w", "-o",
                             fmt::format("-k {} -c listen_addresses='' -p 5432 -c fsync=off -c full_page_writes=off", dir_),
                             "start"});
  if (!start.started || start.exit_code != 0)
    return fmt::format("pg_ctl start failed: {} (see {}/server.log)", first_line(start.err.empty() ? start.out : start.err),
                       dir_);
  running_ = true;
  ProcessResult version = run_process({bin_ + "/postgres", "--version"});
  version_ = version.started ? first_line(version.out) : "PostgreSQL";
  return std::nullopt;
}

std::string ScratchCluster::conninfo(const std::string& dbname) const {
  return fmt::format("host={} port=5432 user={} dbname={}", dir_, user_, dbname);
}

std::string ScratchCluster::description() const {
  return fmt::format("a scratch cluster ({}) in {}", version_, dir_);
}

void ScratchCluster::stop() {
  if (running_) {
    std::vector<std::string> argv;
    if (!run_as_.empty()) argv = {"runuser", "-u", run_as_, "--"};
    argv.insert(argv.end(), {bin_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"});
    run_process(argv, dir_);
    running_ = false;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
}

}  // namespace miglint::exec
