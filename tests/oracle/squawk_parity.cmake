# miglint's SQL rules as a superset of squawk 2.66's on the same statements, through the mapping
# table in docs/rules/README.md (tests/oracle/squawk_parity.py; skipped without squawk).
add_test(NAME squawk_parity
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/squawk_parity.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
set_tests_properties(squawk_parity PROPERTIES SKIP_RETURN_CODE 77 LABELS oracle TIMEOUT 600)
