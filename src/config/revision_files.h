// Which files in the version locations are revision files, as Alembic 1.8's
// ScriptDirectory._load_revisions + Script._list_py_dir/_from_filename decide.
// list_revision_files() itself is declared in settings.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace miglint::config {

// Alembic's _only_source_rev_file / _sourceless_rev_file regexes:
//   (?!\.\#|__init__)(.*\.py)$      and      (?!\.\#|__init__)(.*\.py)(c|o)?$
// Returns the suffix after ".py" ("", "c" or "o") when `name` matches, nullopt otherwise.
std::optional<std::string_view> match_revision_file_name(std::string_view name, bool sourceless);

}  // namespace miglint::config
