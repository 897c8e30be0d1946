# One ctest per rule fixture folder: fixtures/<rule-id>/{firing,clean}*/ (credit_system, the
# example repository, and executor, the executor tests' project, are not rule fixtures).
file(GLOB MIGLINT_FIXTURE_DIRS LIST_DIRECTORIES true ${PROJECT_SOURCE_DIR}/fixtures/*)
foreach(dir ${MIGLINT_FIXTURE_DIRS})
  get_filename_component(rule ${dir} NAME)
  file(GLOB cases LIST_DIRECTORIES true ${dir}/firing* ${dir}/clean*)
  if(cases)
    add_test(NAME fixture/${rule}
      COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_fixtures.py
        ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR}/fixtures ${rule})
  endif()
endforeach()
