# What the column rules claim about rewrites, measured on a throwaway PostgreSQL 15
# (tests/oracle/column_rewrites_online.py): every ALTER COLUMN TYPE case of
# tests/data/rewrites/type_changes.tsv, every ADD COLUMN case of add_column.tsv, and every
# function miglint treats as non-volatile. tests/unit/sql_type_change_test.cc runs the same
# tables through the C++ decisions. Skipped without PostgreSQL 15 or root.
add_test(NAME column_rewrites_online
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/column_rewrites_online.py
          --source ${PROJECT_SOURCE_DIR})
set_tests_properties(column_rewrites_online PROPERTIES SKIP_RETURN_CODE 77 LABELS oracle TIMEOUT 300)
