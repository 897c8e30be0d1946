// revision-file-name: the file name does not carry the revision id where `file_template` puts it.
#include <fmt/format.h>

#include <regex>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {
namespace {

std::string regex_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(".^$|()[]{}*+?\\-/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// A regex for file stems written by `file_template` (Alembic's _rev_path: `template % {rev,
// slug, year, month, day, hour, minute, second, epoch}`). `rev_pattern` fills %(rev)s.
// Unknown tokens match anything, so only what Alembic documents is checked strictly.
std::string template_regex(const std::string& tmpl, const std::string& rev_pattern, bool* has_rev) {
  static const std::regex token(R"(%\((\w+)\)[-#0 +]*(\d*)(?:\.(\d+))?([sdi]))");
  std::string out;
  auto begin = std::sregex_iterator(tmpl.begin(), tmpl.end(), token);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    out += regex_escape(std::string_view(tmpl).substr(last, m.position(0) - last));
    last = m.position(0) + m.length(0);
    std::string name = m[1];
    if (name == "rev") {
      *has_rev = true;
      out += "(" + rev_pattern + ")";
    } else if (name == "slug") {
      out += ".*?";
    } else if (name == "epoch" || m[4] == "d" || m[4] == "i") {
      out += "\\d+";
    } else {
      out += ".*?";
    }
  }
  out += regex_escape(std::string_view(tmpl).substr(last));
  return out;
}

std::string stem_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = name.rfind(".py");
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

void check_revision_file_name(const alembic::Project& project, lint::RuleContext& ctx) {
  const std::string& tmpl = project.settings.file_template;
  bool has_rev = false;
  const std::regex any_rev(template_regex(tmpl, ".+?", &has_rev));
  if (!has_rev) return;  // the template does not put the id in the name: nothing to compare
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev) || !rev.file || rev.revision.form != alembic::ValueForm::String) continue;
    const std::string& id = rev.id();
    if (id.empty()) continue;
    std::string stem = stem_of(rev.file->path());
    std::smatch m;
    if (std::regex_match(stem, m, any_rev) && m[1] == id) continue;
    // The lazy match may split an id containing `_` wrongly: try the exact id before reporting.
    bool dummy = false;
    if (std::regex_match(stem, std::regex(template_regex(tmpl, regex_escape(id), &dummy)))) continue;
    std::string help = fmt::format(
        "Rename the file so it follows `file_template` (`{}`) with the id `{}`, as `alembic revision` "
        "would name it; the name is how people find a revision",
        tmpl, id);
    if (stem.find(id) == std::string::npos && std::regex_match(stem, m, any_rev)) {
      ctx.report({rev.file, rev.revision.value_span, {}},
                 fmt::format("File name `{}.py` carries revision id `{}` but the file declares `{}`", stem,
                             m[1].str(), id),
                 std::move(help));
    } else {
      ctx.report({rev.file, rev.revision.value_span, {}},
                 fmt::format("File name `{}.py` does not follow `file_template` `{}` for revision `{}`", stem,
                             tmpl, id),
                 std::move(help));
    }
  }
}

}  // namespace miglint::rules
