// PLACEHOLDER until the loader lands.
#include "alembic/project.h"
namespace miglint::alembic {
bool load_project(const LoadOptions&, Project&) { return false; }
}
