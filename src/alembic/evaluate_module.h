// The module-level facts static evaluation starts from: imports, module-level constants (as
// Python leaves them once the module has been imported) and the functions defined at top level.
#pragma once

#include "alembic/evaluate_expr.h"

namespace miglint::alembic {

struct ModuleScope {
  SourceFilePtr file;
  ImportMap imports;
  Bindings globals;
  Functions functions;
};

ModuleScope build_module_scope(const python::Module& module);

}  // namespace miglint::alembic
