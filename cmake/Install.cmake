# SPDX-License-Identifier: MIT
# What `cmake --install` puts where (GNUInstallDirs), and so what the Debian
# package holds: the program, the bundled routines and voice pack, the
# manual pages, shell completion, and what a desktop needs to offer rollout
# in its menu and open routine files with it.

# The project's name on a desktop, its address and its licence (MIT: the
# LICENSE file). The id and the address are stand-ins until the project has
# an address: set them (-D...) when packaging for others. The menu entry is
# installed as ROLLOUT_APP_ID.desktop, as AppStream wants.
set(ROLLOUT_APP_ID "invalid.rollout.Rollout" CACHE STRING
    "Reverse-DNS id of the desktop application (menu entry, AppStream)")
set(ROLLOUT_HOMEPAGE "https://rollout.invalid" CACHE STRING
    "The project's web address; the screenshots are under it, in docs/")
set(ROLLOUT_LICENSE "MIT" CACHE STRING
    "SPDX licence expression of the project (AppStream, Debian copyright)")

install(TARGETS rollout RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY routines audio DESTINATION ${CMAKE_INSTALL_DATADIR}/rollout
        PATTERN "README.md" EXCLUDE)
# The page `rollout serve` serves, as the web target lays it out (with its
# own routines and voice pack: the page may take them in another form).
# Built only with the wasm32 toolchain (Web.cmake).
if(ROLLOUT_WEB_OK)
    install(DIRECTORY ${ROLLOUT_WEB_DIR}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/rollout/web)
endif()

# Manual pages, compressed as Debian keeps them (gzip -n: no name or time
# inside, so the same page makes the same file).
set(ROLLOUT_MAN_PAGES rollout.1 rollout-routine.5)
set(man_outputs)
foreach(page ${ROLLOUT_MAN_PAGES})
    set(out ${PROJECT_BINARY_DIR}/man/${page}.gz)
    add_custom_command(OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
        COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/docs/${page} > ${out}
        DEPENDS ${PROJECT_SOURCE_DIR}/docs/${page} VERBATIM)
    list(APPEND man_outputs ${out})
    string(REGEX REPLACE ".*\\." "" section ${page})
    install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
add_custom_target(rollout_man ALL DEPENDS ${man_outputs})

# Shell completion, where bash-completion and fish look for it.
install(FILES completion/rollout.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME rollout)
install(FILES completion/rollout.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# The desktop: menu entry, the .roll file type, the icon, AppStream metainfo.
configure_file(data/rollout.desktop ${PROJECT_BINARY_DIR}/data/${ROLLOUT_APP_ID}.desktop COPYONLY)
configure_file(data/rollout.metainfo.xml.in
               ${PROJECT_BINARY_DIR}/data/${ROLLOUT_APP_ID}.metainfo.xml @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/data/${ROLLOUT_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_BINARY_DIR}/data/${ROLLOUT_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES data/rollout.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
install(FILES data/icons/rollout.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 22 24 32 48 64 128 256 512)
    install(FILES data/icons/hicolor/${size}x${size}/apps/rollout.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
