// docstring-mismatch: the `Revision ID:` / `Revises:` docstring lines disagree with the variables.
#include <fmt/format.h>

#include <algorithm>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {
namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// "a, b" -> {a, b}, sorted; Alembic's template writes the down revisions comma-separated.
std::vector<std::string> split_ids(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string id = trim(text.substr(start, comma - start));
    if (!id.empty()) out.push_back(std::move(id));
    start = comma + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_static(const alembic::RevisionVariable& v) {
  return v.form == alembic::ValueForm::String || v.form == alembic::ValueForm::Sequence ||
         v.form == alembic::ValueForm::None;
}

}  // namespace

void check_docstring_mismatch(const alembic::Project& project, lint::RuleContext& ctx) {
  const char* help = "Alembic reads only the variables; the docstring is what reviewers read. Make the "
                     "docstring's `Revision ID:` and `Revises:` lines repeat `revision` and `down_revision`";
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev)) continue;
    if (rev.doc.revision_id && rev.revision.form == alembic::ValueForm::String) {
      std::string doc_id = trim(rev.doc.revision_id->value);
      if (doc_id != rev.id()) {
        auto& d = ctx.report({rev.file, rev.doc.revision_id->span, {}},
                             fmt::format("Docstring says `Revision ID: {}` but `revision` is `{}`", doc_id, rev.id()),
                             help);
        d.notes.push_back({"`revision` is set here", Location{rev.file, rev.revision.value_span, {}}});
      }
    }
    if (rev.doc.revises && is_static(rev.down_revision)) {
      std::vector<std::string> doc_ids = split_ids(rev.doc.revises->value);
      std::vector<std::string> downs;
      for (const auto& v : rev.down_revision.values)
        if (!v.value.empty()) downs.push_back(v.value);
      std::sort(downs.begin(), downs.end());
      downs.erase(std::unique(downs.begin(), downs.end()), downs.end());
      if (doc_ids != downs) {
        auto& d = ctx.report(
            {rev.file, rev.doc.revises->span, {}},
            fmt::format("Docstring says `Revises: {}` but `down_revision` is {}", fmt::join(doc_ids, ", "),
                        downs.empty() ? std::string("None") : fmt::format("`{}`", fmt::join(downs, ", "))),
            help);
        d.notes.push_back({"`down_revision` is set here", Location{rev.file, rev.down_revision.value_span, {}}});
      }
    }
  }
}

}  // namespace miglint::rules
