#include "base/deep_stack.h"

#include <pthread.h>

namespace miglint {

void use_deep_thread_stacks() {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return;
  // glibc's default attributes apply to every later pthread_create, std::thread's included.
  if (pthread_attr_setstacksize(&attr, kDeepStackBytes) == 0) pthread_setattr_default_np(&attr);
  pthread_attr_destroy(&attr);
}

int run_on_deep_stack(const std::function<int()>& fn) {
  struct Call {
    const std::function<int()>& fn;
    int result = 0;
  } call{fn};
  auto trampoline = [](void* arg) -> void* {
    auto* c = static_cast<Call*>(arg);
    c->result = c->fn();
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_t thread;
  bool started = false;
  if (pthread_attr_init(&attr) == 0) {
    started = pthread_attr_setstacksize(&attr, kDeepStackBytes) == 0 &&
              pthread_create(&thread, &attr, trampoline, &call) == 0;
    pthread_attr_destroy(&attr);
  }
  if (!started) return fn();  // no thread to be had: run here rather than not at all
  pthread_join(thread, nullptr);
  return call.result;
}

}  // namespace miglint
