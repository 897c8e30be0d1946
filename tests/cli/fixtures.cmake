# One ctest per rule fixture folder: fixtures/<rule-id>/ (credit_system is the example repository,
# not a rule fixture).
file(GLOB MIGLINT_FIXTURE_DIRS LIST_DIRECTORIES true ${PROJECT_SOURCE_DIR}/fixtures/*)
foreach(dir ${MIGLINT_FIXTURE_DIRS})
  get_filename_component(rule ${dir} NAME)
  if(IS_DIRECTORY ${dir} AND NOT rule STREQUAL "credit_system")
    add_test(NAME fixture/${rule}
      COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_fixtures.py
        ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR}/fixtures ${rule})
  endif()
endforeach()
