# `check --fix` and `check --diff` end to end, on copies of fixtures in a temporary folder.
add_test(NAME cli/fix_round_trip
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_fix.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
