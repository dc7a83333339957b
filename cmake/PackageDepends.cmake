# SPDX-License-Identifier: MIT
# Read by cpack before it packs (CPACK_PROJECT_CONFIG_FILE): the package's
# Depends, as dpkg-shlibdeps finds them in the one program it ships. CPack's
# own way, CPACK_DEBIAN_PACKAGE_SHLIBDEPS, first asks file(1) about every
# file in the package, the voice pack's included, to find the programs
# among them: some 500 processes for a thing known beforehand.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
    return()
endif()
set(dir ${CPACK_ROLLOUT_BINARY_DIR}/shlibdeps)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir}/debian)
file(WRITE ${dir}/debian/control "") # dpkg-shlibdeps reads it, and needs nothing in it
execute_process(COMMAND dpkg-shlibdeps -O -e${CPACK_ROLLOUT_PROGRAM} WORKING_DIRECTORY ${dir}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(REMOVE_RECURSE ${dir})
if(NOT rc EQUAL 0 OR NOT out MATCHES "shlibs:Depends=([^\n]+)")
    message(FATAL_ERROR "dpkg-shlibdeps found no dependencies of ${CPACK_ROLLOUT_PROGRAM}: ${err}")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${CMAKE_MATCH_1}")
