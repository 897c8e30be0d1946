# Oracle tests of the Python front end against CPython's own ast module (Debian's python3).
# The corpus is generated at test time into the build directory (never into git).
set(MIGLINT_PY_CORPUS ${CMAKE_CURRENT_BINARY_DIR}/python_corpus)
set(MIGLINT_PY_ORACLE_DIR ${CMAKE_CURRENT_LIST_DIR})

add_test(NAME python_corpus_generate
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${MIGLINT_PY_ORACLE_DIR}/gen_python_corpus.py ${MIGLINT_PY_CORPUS} 2400 1)
set_tests_properties(python_corpus_generate PROPERTIES FIXTURES_SETUP python_corpus)

add_test(NAME python_ast_oracle_corpus
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${MIGLINT_PY_ORACLE_DIR}/python_ast_oracle.py ${MIGLINT_BIN} ${MIGLINT_PY_CORPUS})
add_test(NAME python_facts_oracle_corpus
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${MIGLINT_PY_ORACLE_DIR}/python_facts_oracle.py ${MIGLINT_BIN} ${MIGLINT_PY_CORPUS})
set_tests_properties(python_ast_oracle_corpus python_facts_oracle_corpus PROPERTIES
  FIXTURES_REQUIRED python_corpus LABELS oracle)

# Every *.py under fixtures/ (files CPython rejects are skipped and counted).
add_test(NAME python_ast_oracle_fixtures
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${MIGLINT_PY_ORACLE_DIR}/python_ast_oracle.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR}/fixtures)
add_test(NAME python_facts_oracle_fixtures
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${MIGLINT_PY_ORACLE_DIR}/python_facts_oracle.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR}/fixtures)
set_tests_properties(python_ast_oracle_fixtures python_facts_oracle_fixtures PROPERTIES LABELS oracle)

# Real-world code: the installed Alembic and SQLAlchemy sources (when present), parsed and
# compared with CPython exactly like the corpus.
set(MIGLINT_PY_SYSTEM_SOURCES /usr/lib/python3/dist-packages/alembic /usr/lib/python3/dist-packages/sqlalchemy)
if(EXISTS /usr/lib/python3/dist-packages/alembic AND EXISTS /usr/lib/python3/dist-packages/sqlalchemy)
  add_test(NAME python_ast_oracle_alembic_sources
    COMMAND ${MIGLINT_ORACLE_PYTHON} ${MIGLINT_PY_ORACLE_DIR}/python_ast_oracle.py ${MIGLINT_BIN} ${MIGLINT_PY_SYSTEM_SOURCES})
  set_tests_properties(python_ast_oracle_alembic_sources PROPERTIES LABELS oracle)
endif()
