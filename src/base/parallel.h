// Running independent tasks (one per revision file) on all cores.
#pragma once

#include <cstddef>
#include <functional>

namespace miglint {

// Calls task(i) for every i in [0, count) on up to `jobs` threads (0: one per core), the calling
// thread included. Small inputs run on one thread: starting threads costs more than 16 tiny
// tasks. Each index is run exactly once; `task` must only touch state owned by its index.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task);

}  // namespace miglint
