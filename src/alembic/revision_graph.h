// The revision graph: heads, bases, labels, dependencies, cycles, as Alembic sees them.
#pragma once

#include <vector>

#include "alembic/revision.h"

namespace miglint::alembic {

class RevisionGraph {
 public:
  static RevisionGraph build(const std::vector<Revision>& revisions);
};

}  // namespace miglint::alembic
