// Loads a project: configuration, then every revision file read, parsed and reduced to facts in
// parallel, then the graph.
#include "alembic/project.h"


#include <fmt/core.h>
#include <sys/stat.h>

#include "alembic/revision_facts.h"
#include "base/parallel.h"
#include "base/paths.h"
#include "python/parser.h"

namespace miglint::alembic {
namespace {

struct FileResult {
  Revision revision;
  std::vector<Diagnostic> diagnostics;
  bool loaded = false;
};

void load_one(const std::string& path, FileResult& out) {
  std::string error;
  std::string shown = display_path(path);
  // A FIFO (or socket, or device) named like a revision file would block open() or read()
  // forever, as it blocks Alembic's import: never open one. (A folder is refused by
  // read_source_file itself, with EISDIR.)
  struct stat st;
  SourceFilePtr file;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    error = S_ISFIFO(st.st_mode) ? "it is a named pipe (FIFO), not a regular file; Alembic's import would block on it"
                                 : "it is not a regular file (a socket or a device)";
  else
    file = read_source_file(path, &error, shown);  // named by its display path, as reported
  if (!file) {
    Diagnostic d;
    d.rule = "unreadable-file";
    d.location.path = shown;
    d.message = fmt::format("Cannot read revision file: {}", error);
    d.help = "Alembic would fail to load this file too; fix its permissions or remove it";
    out.diagnostics.push_back(std::move(d));
    return;
  }
  std::shared_ptr<const python::Module> module = python::parse_module(file, out.diagnostics);
  out.revision = extract_revision(file, module, out.diagnostics);
  out.loaded = true;
}

}  // namespace

bool load_project(const LoadOptions& options, Project& project) {
  config::DiscoverOptions discover;
  discover.path = options.path;
  discover.config_file = options.config_file;
  discover.ini_section = options.ini_section;
  if (!config::discover_settings(discover, project.settings, project.load_diagnostics)) return false;

  std::vector<std::string> paths = config::list_revision_files(project.settings, project.load_diagnostics);
  std::vector<FileResult> results(paths.size());

  parallel_for(paths.size(), options.jobs, [&](size_t i) { load_one(paths[i], results[i]); });

  project.revisions.reserve(results.size());
  for (FileResult& r : results) {
    for (Diagnostic& d : r.diagnostics) project.load_diagnostics.push_back(std::move(d));
    if (r.loaded) project.revisions.push_back(std::move(r.revision));
  }
  project.graph = RevisionGraph::build(project.revisions);
  return true;
}

}  // namespace miglint::alembic
