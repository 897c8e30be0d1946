# One ctest per CLI snapshot case (tests/cli/snapshots/<case>/).
file(GLOB MIGLINT_SNAPSHOT_CASES LIST_DIRECTORIES true ${CMAKE_CURRENT_LIST_DIR}/snapshots/*)
foreach(dir ${MIGLINT_SNAPSHOT_CASES})
  if(IS_DIRECTORY ${dir})
    get_filename_component(case ${dir} NAME)
    add_test(NAME cli/${case}
      COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_snapshots.py
        ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR} ${case})
  endif()
endforeach()
