# Installation and the Debian package (docs/cli.md, "Installing"):
#   cmake --build build && (cd build && cpack -G DEB)
# gives build/govscore_<version>_<arch>.deb, which installs
#   /usr/bin/govscore
#   /usr/share/govscore/rules/*.yaml      the shipped rule files
#   /usr/share/govscore/samples/          the sample quarters and their expected output
#   /usr/share/doc/govscore/              README.md and the user guide (docs/)
# with its library dependencies found by dpkg-shlibdeps.

include(GNUInstallDirs)
install(TARGETS govscore RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/govscore/rules FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY samples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/govscore/samples)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME govscore)
set(CPACK_PACKAGE_VENDOR govscore)
set(CPACK_PACKAGE_CONTACT "govscore maintainers <govscore@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Scores quarterly inspections of government websites and new media")
set(CPACK_PACKAGE_INSTALL_DIRECTORY govscore)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the libraries the binary links
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)

# The package installs and runs: tests/deb/test_deb.sh builds it, unpacks
# it with dpkg -x into a temporary folder and scores a sample from there.
find_program(GOVSCORE_DPKG_DEB dpkg-deb)
if(GOVSCORE_BUILD_TESTS AND GOVSCORE_DPKG_DEB AND NOT GOVSCORE_SANITIZE)
  add_test(NAME deb_package
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/deb/test_deb.sh ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties(deb_package PROPERTIES TIMEOUT 600)  # cpack strips and runs dpkg-shlibdeps: 30 s idle, 3 min on a busy machine
endif()
