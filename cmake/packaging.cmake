# Installation layout and the Debian package.
#
#   <prefix>/bin/miglint
#   <prefix>/share/doc/miglint/*.md          (docs/, including ci.md)
#   <prefix>/share/doc/miglint/rules/*.md    (what `miglint explain` prints; found from the binary)
#
# `cmake --install build --prefix /opt/miglint` or `cpack --config build/CPackConfig.cmake`.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION share/doc/miglint FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/miglint)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME miglint)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "static analyzer and linter for Alembic migrations on PostgreSQL")
set(CPACK_PACKAGE_DESCRIPTION
  "miglint reads an Alembic project without running it, checks the revision graph, lowers each\nrevision to the SQL Alembic would run, and reports locks, rewrites, missing downgrades and other\nunsafe migrations.")
set(CPACK_PACKAGE_CONTACT "miglint maintainers <miglint@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # miglint_<version>_<arch>.deb
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The binary ships stripped (RelWithDebInfo objects carry ~100 MB of DWARF).
set(CPACK_STRIP_FILES ON)
# Depends: computed by dpkg-shlibdeps (dpkg-dev) from the libraries the binary links, so the
# package names (libpg-query1504.0, libfmt9, libtomlplusplus3, libstdc++6 …) and
# minimum versions are Debian's own, not a hand-kept list that drifts.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
