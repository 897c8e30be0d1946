# Revision graph oracle (tests/oracle/graph_oracle.py): Alembic 1.8's ScriptDirectory against
# `miglint graph --format json` on every fixture project and on generated histories.
# graph_oracle_alembic checks only the Alembic side (every repository loads or is rejected as
# built); graph_oracle compares with miglint end to end.
add_test(NAME graph_oracle_alembic
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/oracle/graph_oracle.py
          --alembic-only --fixtures ${PROJECT_SOURCE_DIR}/fixtures)
add_test(NAME graph_oracle
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/oracle/graph_oracle.py
          --miglint ${MIGLINT_BIN} --fixtures ${PROJECT_SOURCE_DIR}/fixtures)
