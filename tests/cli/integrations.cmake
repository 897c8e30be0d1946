# Installation, the Debian package, the pre-commit hook end to end, and the CI files (docs/ci.md).
add_test(NAME cli/install_prefix
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_install.py ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR})
add_test(NAME cli/deb_package
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_deb_package.py ${CMAKE_BINARY_DIR})
add_test(NAME cli/pre_commit_hook
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_pre_commit.py ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR})
add_test(NAME cli/ci_files
  COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/run_ci_files.py ${PROJECT_SOURCE_DIR})
# `miglint --version` names miglint's version and the PostgreSQL grammar libpg_query parses.
add_test(NAME cli/version COMMAND ${MIGLINT_BIN} --version)
set_tests_properties(cli/version PROPERTIES
  PASS_REGULAR_EXPRESSION "^miglint ${PROJECT_VERSION}\nlibpg_query: PostgreSQL [0-9]+\\.[0-9]+ grammar \\(PG_VERSION_NUM [0-9]+\\)\ntoml\\+\\+ [0-9.]+, fmt [0-9.]+\n$")
# Both install the build tree (cmake --install writes install_manifest.txt into it).
set_tests_properties(cli/install_prefix cli/deb_package PROPERTIES RESOURCE_LOCK miglint_build_install)
