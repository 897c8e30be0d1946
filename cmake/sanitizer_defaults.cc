// Run-time defaults of the sanitizer builds (-DMIGLINT_SANITIZE=address|thread), linked into
// every executable of such a build and nothing else (see the top CMakeLists.txt).
//
// Why built in rather than only ASAN_OPTIONS in the test script: several test drivers start
// miglint with an environment of their own (the pre-commit hook test, the installed-binary
// test), and a report must still be fatal there. The environment still overrides these
// (scripts/test-sanitizers.sh adds log_path so that no report can be swallowed by a driver).
//
// exitcode=86: miglint itself exits 0, 1 (findings) or 2 (error), and a test that expects
// findings must not pass because a sanitizer exited 1 after reporting.

extern "C" {

#if defined(MIGLINT_SANITIZE_ADDRESS)
// halt_on_error: stop at the first report. detect_stack_use_after_return: a reference or
// string_view to a dead local is read as such, not as whatever reuses its stack slot.
const char* __asan_default_options() {
  return "halt_on_error=1:detect_leaks=1:print_stacktrace=1:exitcode=86:"
         "detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1";
}
// The build compiles with -fno-sanitize-recover=all, so UBSan already stops at the first
// report; these make it say where from, and with the same exit code.
const char* __ubsan_default_options() { return "halt_on_error=1:print_stacktrace=1:exitcode=86"; }
#endif

#if defined(MIGLINT_SANITIZE_THREAD)
const char* __tsan_default_options() { return "halt_on_error=1:exitcode=86:second_deadlock_stack=1"; }
#endif

}  // extern "C"
