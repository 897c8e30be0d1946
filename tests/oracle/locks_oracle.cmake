# The lock model against PostgreSQL 15's pg_locks and pg_relation_filenode, statement by
# statement (tests/oracle/locks_oracle.py; skipped without PostgreSQL 15 or root).
add_test(NAME locks_oracle
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/locks_oracle.py ${MIGLINT_BIN})
set_tests_properties(locks_oracle PROPERTIES SKIP_RETURN_CODE 77 LABELS oracle TIMEOUT 600)
