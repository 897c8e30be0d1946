#include "cli/rebase.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "alembic/revision_facts.h"
#include "cli/load_failure.h"
#include "lint/fixes.h"

namespace miglint::cli {
namespace {

using alembic::GraphNode;
using alembic::RevisionGraph;

// A refusal: one line on stderr, exit code 2.
int refuse(const std::string& message) {
  fmt::print(stderr, "miglint rebase: {}\n", message);
  return 2;
}

// An id or a unique prefix of one, as Alembic resolves revision arguments; the error says why not.
std::optional<std::size_t> resolve(const RevisionGraph& graph, const std::string& name, std::string& error) {
  if (std::size_t i = graph.index_of(name); i != RevisionGraph::npos) return i;
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < graph.nodes().size(); ++i)
    if (!name.empty() && graph.nodes()[i].id.rfind(name, 0) == 0) matches.push_back(i);
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    error = fmt::format("no revision `{}`", name);
  } else {
    std::vector<std::string> ids;
    for (std::size_t i : matches) ids.push_back(graph.nodes()[i].id);
    error = fmt::format("`{}` is ambiguous: it starts {}", name, fmt::join(ids, ", "));
  }
  return std::nullopt;
}

// Every node reachable from `from` through children (down_revision links), `from` included.
std::set<std::size_t> descendants(const RevisionGraph& graph, std::size_t from) {
  std::set<std::size_t> seen{from};
  std::vector<std::size_t> todo{from};
  while (!todo.empty()) {
    std::size_t n = todo.back();
    todo.pop_back();
    for (std::size_t c : graph.nodes()[n].children)
      if (seen.insert(c).second) todo.push_back(c);
  }
  return seen;
}

// The span inside a plain string literal that holds its text (`'abc'` -> `abc`), when the literal
// says exactly `expected`; nullopt for concatenations, escapes and other spellings.
std::optional<Span> literal_content(std::string_view source, Span span, const std::string& expected) {
  std::string_view text = source.substr(span.begin, span.end - span.begin);
  std::size_t prefix = 0;
  while (prefix < text.size() && (text[prefix] == 'u' || text[prefix] == 'U' || text[prefix] == 'r' || text[prefix] == 'R'))
    ++prefix;
  text.remove_prefix(prefix);
  for (std::string_view quote : {"\"\"\"", "'''", "\"", "'"}) {
    if (text.size() < 2 * quote.size() || text.substr(0, quote.size()) != quote ||
        text.substr(text.size() - quote.size()) != quote)
      continue;
    std::string_view inner = text.substr(quote.size(), text.size() - 2 * quote.size());
    if (inner != expected) return std::nullopt;
    uint32_t begin = span.begin + static_cast<uint32_t>(prefix + quote.size());
    return Span{begin, begin + static_cast<uint32_t>(inner.size())};
  }
  return std::nullopt;
}

// The project's revisions with `index` replaced by a version parsed from `text`: the graph the
// rebase would produce, checked before anything is written.
RevisionGraph graph_after(const alembic::Project& project, std::size_t index, const std::string& text) {
  std::vector<alembic::Revision> revisions = project.revisions;
  std::vector<Diagnostic> ignored;
  auto file = std::make_shared<SourceFile>(revisions[index].file->path(), text);
  revisions[index] = alembic::load_revision(file, ignored);
  return RevisionGraph::build(revisions);
}

}  // namespace

int run_rebase(const RebaseOptions& options) {
  alembic::Project project;
  if (!alembic::load_project(options.load, project)) {
    print_load_problems(project.load_diagnostics);
    return 2;
  }
  const RevisionGraph& graph = project.graph;
  std::string error;
  auto rev = resolve(graph, options.revision, error);
  if (!rev) return refuse(error);
  const GraphNode& node = graph.nodes()[*rev];
  const alembic::Revision& revision = project.revisions[node.revision];

  std::set<std::size_t> below = descendants(graph, *rev);
  std::optional<std::size_t> target;
  if (options.onto == "head") {
    // The one head that is not REV or above it: what `alembic heads` shows besides the branch.
    std::vector<std::size_t> heads;
    for (std::size_t i = 0; i < graph.nodes().size(); ++i)
      if (graph.nodes()[i].is_head && !below.count(i)) heads.push_back(i);
    if (heads.empty()) return refuse(fmt::format("there is no head besides `{}` to rebase onto", node.id));
    if (heads.size() > 1) {
      std::vector<std::string> ids;
      for (std::size_t i : heads) ids.push_back(graph.nodes()[i].id);
      return refuse(fmt::format("`head` is ambiguous: the other heads are {}; name one with --onto", fmt::join(ids, ", ")));
    }
    target = heads.front();
  } else {
    target = resolve(graph, options.onto, error);
    if (!target) return refuse(error);
  }
  const std::string& target_id = graph.nodes()[*target].id;

  if (!revision.parsed_cleanly())
    return refuse(fmt::format("{} has syntax errors; fix them first (`miglint check`)", revision.file->path()));
  const alembic::RevisionVariable& down = revision.down_revision;
  if (down.form == alembic::ValueForm::None || (down.form == alembic::ValueForm::Sequence && down.values.empty()))
    return refuse(fmt::format("`{}` is a base revision (down_revision is None); only a revision with one "
                              "down revision can be moved", node.id));
  if (down.values.size() > 1)
    return refuse(fmt::format("`{}` is a merge of {}; rebasing a merge would drop one of its parents",
                              node.id, fmt::join(node.down_revisions, ", ")));
  if (down.form != alembic::ValueForm::String && down.form != alembic::ValueForm::Sequence)
    return refuse(fmt::format("`down_revision` of `{}` is not a static string; edit it by hand", node.id));
  const std::string old_id = down.values.front().value;
  if (old_id == target_id) {
    fmt::print("`{}` already revises `{}`; nothing to change\n", node.id, target_id);
    return 0;
  }
  if (below.count(*target))
    return refuse(fmt::format("`{}` descends from `{}`: putting `{}` on top of it would create a cycle",
                              target_id, node.id, node.id));

  const std::string& text = revision.file->text();
  auto value = literal_content(text, down.values.front().span, old_id);
  if (!value)
    return refuse(fmt::format("`down_revision` of `{}` is not written as one plain string literal; edit it by hand",
                              node.id));
  std::vector<Edit> edits{{*value, target_id}};
  bool docstring = false;
  if (revision.doc.revises) {
    // Only the ids are replaced: `Revises:` and the spacing around them stay as written.
    edits.push_back({revision.doc.revises->span, target_id});
    docstring = true;
  }
  std::string after = lint::apply_edits(text, edits);

  // What the history looks like afterwards: no revision may lose its place (become a head it
  // was not, or point at nothing), and no cycle may appear.
  RevisionGraph next = graph_after(project, node.revision, after);
  if (!next.cycles().empty() && graph.cycles().empty())
    return refuse(fmt::format("putting `{}` on `{}` would create a cycle", node.id, target_id));
  for (const GraphNode& n : next.nodes()) {
    const GraphNode* before = graph.find(n.id);
    if (n.is_head && before && !before->is_head)
      return refuse(fmt::format("`{}` would be left with no revision on top of it (a new head); "
                                "rebase only moves a revision off a branch point", n.id));
  }
  if (next.orphans().size() > graph.orphans().size())
    return refuse(fmt::format("the rebase would leave a revision pointing at nothing"));

  std::string path = revision.file->path();
  if (options.dry_run) {
    std::fputs(lint::unified_diff(text, after, "a/" + path, "b/" + path).c_str(), stdout);
    return 0;
  }
  std::string write_error;
  if (!lint::write_file_atomically(path, after, &write_error))
    return refuse(fmt::format("could not write {}: {}", path, write_error));
  fmt::print("Rebased `{}` onto `{}` in {}: down_revision `{}` -> `{}`{}\n", node.id, target_id, path, old_id,
             target_id, docstring ? ", and its `Revises:` line" : "");
  return 0;
}

}  // namespace miglint::cli
