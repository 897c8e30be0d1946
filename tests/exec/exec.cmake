# The executor on a real PostgreSQL 15 (tests/exec/pg_cluster.py starts a throwaway cluster
# per test, each on its own port). Skipped (exit 77) without PostgreSQL 15 or root.

# `miglint apply` against Alembic itself: pg_dump and `alembic current` equal after every move,
# both transaction modes, failures and reruns, --alembic-fallback (apply_online.py).
add_test(NAME exec_apply_online
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/apply_online.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
set_tests_properties(exec_apply_online PROPERTIES SKIP_RETURN_CODE 77 LABELS "oracle;exec" TIMEOUT 600)

# `miglint apply` when things go wrong: unreachable server, wrong password, unknown revision,
# read-only database, statement and lock timeouts, a lost connection, SIGKILL mid-apply, two
# applies at once (apply_failures_online.py).
add_test(NAME exec_apply_failures_online
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/apply_failures_online.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
set_tests_properties(exec_apply_failures_online PROPERTIES SKIP_RETURN_CODE 77 LABELS "oracle;exec" TIMEOUT 600)

# `miglint verify`: a clean history verifies; downgrades that leave an enum behind or lose a NOT
# NULL are named, in agreement with Alembic + pg_dump one revision at a time; a database not at
# base is refused; a failing downgrade is reported (verify_online.py).
add_test(NAME exec_verify_online
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/verify_online.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
set_tests_properties(exec_verify_online PROPERTIES SKIP_RETURN_CODE 77 LABELS "oracle;exec" TIMEOUT 600)

# `miglint trace` on every statement kind of tests/oracle/locks_oracle.py: pg_locks agrees with
# the lock model except on the documented gaps (trace_online.py).
add_test(NAME exec_trace_online
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/trace_online.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
set_tests_properties(exec_trace_online PROPERTIES SKIP_RETURN_CODE 77 LABELS "oracle;exec" TIMEOUT 600)
