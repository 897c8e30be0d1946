# SQL oracle (tests/oracle/sql_oracle.py): `alembic upgrade --sql` (Debian's Alembic 1.8) against
# `miglint sql` on the repositories in tests/data/sql/, compared statement by statement after
# normalising both with `miglint normalize-sql`. See docs/sql-oracle.md.
set(MIGLINT_SQL_REPOS ${PROJECT_SOURCE_DIR}/tests/data/sql)

# The differential test itself.
add_test(NAME sql_oracle
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/sql_oracle.py
          --miglint ${MIGLINT_BIN} --repos ${MIGLINT_SQL_REPOS})
# The Alembic side and the normaliser alone: every range renders offline, normalising ignores
# whitespace, keyword case and identifier quoting but not changes of meaning, and every item of
# the issue's checklist is used by the repository that claims it.
add_test(NAME sql_oracle_self_test
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/sql_oracle.py
          --miglint ${MIGLINT_BIN} --repos ${MIGLINT_SQL_REPOS} --self-test)
# The comparison harness with stand-ins for `miglint sql` (Alembic verbatim, perturbed, with a
# statement dropped, with a literal changed): it passes exactly what it should.
add_test(NAME sql_oracle_harness
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/sql_oracle_harness.py
          --miglint ${MIGLINT_BIN} --repos ${MIGLINT_SQL_REPOS})
# The repositories are valid PostgreSQL: upgrade, downgrade, upgrade on a throwaway PostgreSQL 15
# (skipped without it, or without root for runuser).
add_test(NAME sql_oracle_fixtures_online
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/sql_fixtures_online.py
          --repos ${MIGLINT_SQL_REPOS})
set_tests_properties(sql_oracle_fixtures_online PROPERTIES SKIP_RETURN_CODE 77)
set_tests_properties(sql_oracle sql_oracle_self_test sql_oracle_harness sql_oracle_fixtures_online
  PROPERTIES LABELS oracle TIMEOUT 900)

# `miglint normalize-sql` itself: what it keeps, what it ignores, its errors.
add_test(NAME sql_normalize_cli
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/sql_normalize_cli.py ${MIGLINT_BIN})
