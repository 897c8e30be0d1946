# `miglint plan` on a real PostgreSQL 15 migrated by Alembic itself: the same revisions in the
# same order as `alembic upgrade --sql`, every way of connecting, an unknown current revision
# refused, a wrong password never printed (tests/oracle/exec_plan_online.py). Skipped without
# PostgreSQL 15 or root.
add_test(NAME exec_plan_online
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/exec_plan_online.py ${MIGLINT_BIN}
          ${PROJECT_SOURCE_DIR})
set_tests_properties(exec_plan_online PROPERTIES SKIP_RETURN_CODE 77 LABELS oracle TIMEOUT 300)
