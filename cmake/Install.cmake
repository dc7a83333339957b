# What `cmake --install` puts where (GNUInstallDirs), and so what the Debian
# package holds: the program, the bundled routines and voice pack, the
# manual pages and shell completion.

install(TARGETS rollout RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY routines audio DESTINATION ${CMAKE_INSTALL_DATADIR}/rollout
        PATTERN "README.md" EXCLUDE)

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
