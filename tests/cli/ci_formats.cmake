# The CI output formats read back by independent readers (tests/cli/check_ci_formats.py): SARIF
# against the SARIF 2.1.0 JSON schema, JUnit through an XML parser, GitLab's required fields,
# GitHub workflow commands unescaped.
# scripts/install-deps.sh puts the schema here (from npm); the sarif check is skipped without it.
set(MIGLINT_SARIF_SCHEMA /usr/local/share/sarif/sarif-2.1.0-rtm.5.json CACHE FILEPATH
  "SARIF 2.1.0 JSON schema the sarif_schema test validates against")
foreach(kind sarif junit gitlab github)
  add_test(NAME cli/ci_format_${kind}
    COMMAND ${MIGLINT_ORACLE_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/check_ci_formats.py
      ${kind} ${MIGLINT_BIN} ${PROJECT_SOURCE_DIR} ${MIGLINT_SARIF_SCHEMA})
  set_tests_properties(cli/ci_format_${kind} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
