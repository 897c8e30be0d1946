// Threads that walk syntax trees run on stacks sized for the deepest tree the front ends accept.
#pragma once

#include <cstddef>
#include <functional>

namespace miglint {

// Every pass over a Python AST (revision facts, evaluation, lowering, dumps) recurses once per
// nesting level, and the parser accepts up to python::kMaxNesting (3,000) levels, as CPython
// does. A level costs a few hundred bytes of stack in a release build and several kilobytes in
// an ASan build, so the default 8 MiB (or whatever `ulimit -s` says) is not enough for every
// build: threads get this much instead. It is reserved address space, used only as touched.
inline constexpr std::size_t kDeepStackBytes = std::size_t{256} << 20;

// Makes threads created from now on (std::thread included) reserve kDeepStackBytes of stack.
void use_deep_thread_stacks();

// Runs `fn` on a new thread with a kDeepStackBytes stack and returns its result; runs it on the
// calling thread when no thread can be created.
int run_on_deep_stack(const std::function<int()>& fn);

}  // namespace miglint
