#include "config/git.h"

#include <fmt/core.h>

namespace miglint::config {
namespace {

std::string first_line(std::string_view text) {
  auto end = text.find('\n');
  std::string line(text.substr(0, end));
  if (line.rfind("fatal: ", 0) == 0) line.erase(0, 7);
  return line;
}

}  // namespace


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
