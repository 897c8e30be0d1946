// Extracting a Revision's facts (revision variables, docstring header, upgrade/downgrade
// bodies and their calls) from a parsed revision file, statically and without guessing.
#pragma once

#include <memory>
#include <vector>

#include "alembic/revision.h"
#include "base/diagnostic.h"
#include "base/source_file.h"

namespace miglint::alembic {

// Reads module-level `revision`, `down_revision`, `branch_labels`, `depends_on` (plain or
// annotated assignments; string constants assigned earlier in the module are folded, as are
// `+` and implicit concatenation); anything else is ValueForm::Dynamic. `module` may be null
// (then only `file` is set). Reports nothing today: rules judge the facts.
Revision extract_revision(SourceFilePtr file, std::shared_ptr<const python::Module> module,
                          std::vector<Diagnostic>& diags);

// Parses `file` and extracts its facts; syntax errors go to `diags`.
Revision load_revision(SourceFilePtr file, std::vector<Diagnostic>& diags);

std::string_view value_form_name(ValueForm f);  // "absent", "none", "string", "sequence", "dynamic"
std::string_view body_kind_name(BodyKind k);    // "absent", "empty", "only_raises", "implemented"

}  // namespace miglint::alembic
