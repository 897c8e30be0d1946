# Pull-request mode end to end (check --since, modified-revision, multiple-heads, rebase,
# baseline) in a temporary git repository; Alembic 1.8 confirms the heads after a rebase.
add_test(NAME cli/pull_requests
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/pull_requests.py ${MIGLINT_BIN})
