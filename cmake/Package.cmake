# SPDX-License-Identifier: MIT
# The Debian package, made by CPack from the install rules (cmake/Install.cmake):
#     cmake --build build && (cd build && cpack -G DEB)
# gives build/rollout_VERSION_ARCH.deb. CPack rather than a debian/
# directory: the project ships its own package from the same install rules
# that `cmake --install` uses, with no second description of where files
# go, and needs no debhelper. A Debian maintainer packaging rollout for the
# archive would write debian/ with dh and these same fields.

set(ROLLOUT_MAINTAINER "The rollout developers <maintainers@rollout.invalid>" CACHE STRING
    "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rollout)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/PackageStrip.cmake)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "guided foam-rolling sessions, paced by a click")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # rollout_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${ROLLOUT_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${ROLLOUT_HOMEPAGE})
# The package's dependencies are the libraries the program links, as
# dpkg-shlibdeps finds them (cmake/PackageDepends.cmake); what optional
# features load at run time is recommended: the window's font and the
# spoken commands' English model.
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/PackageDepends.cmake)
set(CPACK_ROLLOUT_PROGRAM ${PROJECT_BINARY_DIR}/rollout)
set(CPACK_ROLLOUT_BINARY_DIR ${PROJECT_BINARY_DIR})
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core, pocketsphinx-en-us")
# rollout voice: the synthesiser the bundled pack is made with, or another
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "festvox-us-slt-hts | flite | espeak-ng")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The extended description; CPack puts the summary above it and indents it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"rollout plays guided roll-out (self-myofascial release) sessions for
runners, hands-free: a recorded voice says which muscle to roll, on which
side and for how long, and a click once a second keeps the rolling slow.

A small window shows the muscle, the side and the countdown; headset
buttons, media keys, phone remotes and spoken commands control it.
Routines are small text files; sessions can be written to audio files.")

# copyright and changelog, where Debian keeps them. The version has no
# Debian revision, so the package is native and its changelog is
# changelog.gz.
set(doc ${PROJECT_BINARY_DIR}/doc)
add_custom_command(OUTPUT ${doc}/changelog.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${doc}
    COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/packaging/changelog > ${doc}/changelog.gz
    DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog VERBATIM)
add_custom_target(rollout_changelog ALL DEPENDS ${doc}/changelog.gz)
configure_file(packaging/copyright ${doc}/copyright @ONLY)
install(FILES ${doc}/changelog.gz ${doc}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

include(CPack)
