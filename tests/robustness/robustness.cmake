# The bad-input catalogue (tests/robustness/bad_input.py, docs/bad-input.md): one ctest per group
# of cases, each building its bad inputs in a temporary folder at test time (nothing large is
# committed) and running the built miglint on them with a time limit per case.
set(MIGLINT_BAD_INPUT_GROUPS encoding syntax nesting files config graph sql evaluation large)
# Sanitizer builds run several times slower: the per-case time limits grow with them.
if(MIGLINT_SANITIZE)
  set(MIGLINT_BAD_INPUT_SCALE 8)
else()
  set(MIGLINT_BAD_INPUT_SCALE 1)
endif()
foreach(group ${MIGLINT_BAD_INPUT_GROUPS})
  add_test(NAME bad_input/${group}
    COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/bad_input.py --miglint ${MIGLINT_BIN} --group ${group})
  set_tests_properties(bad_input/${group} PROPERTIES
    LABELS robustness
    ENVIRONMENT MIGLINT_ROBUSTNESS_TIMEOUT_SCALE=${MIGLINT_BAD_INPUT_SCALE}
    TIMEOUT 3600)
endforeach()
