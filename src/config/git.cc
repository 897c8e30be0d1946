#include "config/git.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include <fmt/core.h>

extern char** environ;

namespace miglint::config {
namespace {

// Closes a descriptor once, whatever path the runner takes.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// Reads both pipes until both are closed.
void drain(Fd& out_fd, Fd& err_fd, std::string& out, std::string& err) {
  std::array<char, 65536> buf;
  while (out_fd.fd >= 0 || err_fd.fd >= 0) {
    pollfd fds[2] = {{out_fd.fd, POLLIN, 0}, {err_fd.fd, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      Fd& fd = i == 0 ? out_fd : err_fd;
      if (fd.fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fd.fd, buf.data(), buf.size());
      if (n > 0) (i == 0 ? out : err).append(buf.data(), static_cast<size_t>(n));
      else if (n == 0 || errno != EINTR) fd.reset();
    }
  }
}

std::string first_line(std::string_view text) {
  auto end = text.find('\n');
  std::string line(text.substr(0, end));
  if (line.rfind("fatal: ", 0) == 0) line.erase(0, 7);
  return line;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv) {
  ProcessResult result;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  Fd out_read{out_pipe[0]}, out_write{out_pipe[1]};
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  Fd err_read{err_pipe[0]}, err_write{err_pipe[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // stdin from /dev/null: git must never wait for input (a pager, a credential prompt).
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_write.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_write.fd, STDERR_FILENO);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  out_write.reset();
  err_write.reset();
  if (rc != 0) {
    result.error = std::strerror(rc);
    return result;
  }
  result.started = true;
  drain(out_read, err_read, result.out, result.err);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
  return result;
}

Diagnostic git_problem(std::string message, std::string help) {
  Diagnostic d;
  d.rule = "config-error";
  d.severity = Severity::Error;
  d.location.path = "<git>";
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

std::optional<std::string> run_git(const std::string& dir, const std::vector<std::string>& args,
                                   std::vector<Diagnostic>& diags) {
  std::vector<std::string> argv = {"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult r = run_process(argv);
  if (!r.started) {
    diags.push_back(git_problem(fmt::format("Could not run git: {}", r.error),
                                "`--since` and `rebase` use the git command line; install git and put it on PATH"));
    return std::nullopt;
  }
  if (r.exit_code != 0) {
    std::string reason = first_line(r.err);
    diags.push_back(git_problem(fmt::format("`git {}` failed: {}", args.empty() ? "" : args.front(),
                                            reason.empty() ? fmt::format("exit status {}", r.exit_code) : reason)));
    return std::nullopt;
  }
  return std::move(r.out);
}

}  // namespace miglint::config
