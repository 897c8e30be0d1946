# Several threads load and lint exactly what one thread does (tests/cli/run_parallel.py): the
# only test big enough (300 revisions) to take the parallel paths, so also the ThreadSanitizer
# build's target (scripts/test-sanitizers.sh tsan).
add_test(NAME cli/parallel_jobs
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_parallel.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
