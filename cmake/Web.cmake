# SPDX-License-Identifier: MIT
# The core as WebAssembly (issue 35): the parser, the timeline, the engine,
# the composer, the body map and the view snapshot, compiled from the same sources as the program by
# Debian's clang for wasm32-wasi, against Debian's wasi-libc, linked by lld,
# into build/web/rollout.wasm. src/web is its one door (web.h), and
# src/web/page the page that plays it (build/web/index.html).
#
# Left out: what reads files through libsndfile and libsoxr (cues.c,
# music.c, out_file.c, take.c) and what loads sessions from files, with
# threads (session.c, compose_load.c). The page decodes cues itself and hands them to the engine as
# PCM (web_cue_pcm), the seam the program's cue loader feeds; the engine
# reads a music bed from a ring (ring.c), which nothing fills here yet.
#
# The toolchain is clang, wasi-libc, lld and the wasm32 builtins
# (scripts/setup installs them). Without it `web` is left out of `all`, and
# building it says what is missing.
set(ROLLOUT_WEB_DIR ${PROJECT_BINARY_DIR}/web)
set(ROLLOUT_WASM ${ROLLOUT_WEB_DIR}/rollout.wasm)

file(GLOB ROLLOUT_WEB_PARSE CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/core/parse/*.c)
set(ROLLOUT_WEB_CORE action area bodymap click compose control diag engine intro limiter path phrase ring show
    strmap suggest
    timeline visible)
list(TRANSFORM ROLLOUT_WEB_CORE REPLACE "(.+)" "${PROJECT_SOURCE_DIR}/src/core/\\1.c")
file(GLOB ROLLOUT_WEB_OWN CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/web/*.c
     ${PROJECT_SOURCE_DIR}/src/web/wasi/*.c)
set(ROLLOUT_WEB_SOURCES ${ROLLOUT_WEB_PARSE} ${ROLLOUT_WEB_CORE} ${ROLLOUT_WEB_OWN})
file(GLOB ROLLOUT_WEB_HEADERS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/core/*.h
     ${PROJECT_SOURCE_DIR}/src/core/parse/*.h ${PROJECT_SOURCE_DIR}/src/web/*.h
     ${PROJECT_SOURCE_DIR}/src/web/wasi/*.h)

find_program(ROLLOUT_WASM_CC NAMES clang-14 clang DOC "clang, to build the core for wasm32-wasi")

# Whether this clang makes a wasm32-wasi module: a reactor (a library the
# host calls, not a program with a main), against wasi-libc.
set(ROLLOUT_WEB_OK FALSE)
if(ROLLOUT_WASM_CC)
    set(probe ${PROJECT_BINARY_DIR}/CMakeFiles/wasm-probe)
    file(WRITE ${probe}.c "#include <stdio.h>\nint probe(void);\nint probe(void) { return puts(\"\"); }\n")
    execute_process(COMMAND ${ROLLOUT_WASM_CC} --target=wasm32-wasi -mexec-model=reactor
                            ${probe}.c -o ${probe}.wasm
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0)
        set(ROLLOUT_WEB_OK TRUE)
    endif()
endif()

if(ROLLOUT_WEB_OK)
    set(flags --target=wasm32-wasi -mexec-model=reactor -std=c11 -O2
        ${ROLLOUT_WARNINGS} ${ROLLOUT_C_WARNINGS} $<$<BOOL:${ROLLOUT_WERROR}>:-Werror>
        -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
        # What wasi-libc leaves out, said once for this build (src/web/wasi).
        -isystem ${PROJECT_SOURCE_DIR}/src/web/wasi
        -I${PROJECT_SOURCE_DIR}/src/core -I${PROJECT_SOURCE_DIR}/src/core/parse
        -I${PROJECT_SOURCE_DIR}/src/web
        -Wl,--strip-debug)
    add_custom_command(OUTPUT ${ROLLOUT_WASM}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${ROLLOUT_WEB_DIR}
        COMMAND ${ROLLOUT_WASM_CC} ${flags} ${ROLLOUT_WEB_SOURCES} -o ${ROLLOUT_WASM}
        DEPENDS ${ROLLOUT_WEB_SOURCES} ${ROLLOUT_WEB_HEADERS}
        COMMENT "Building the core as WebAssembly: web/rollout.wasm"
        COMMAND_EXPAND_LISTS VERBATIM)
    # The page beside it, with the routines and the voice pack it plays:
    # build/web is a folder any static web server can serve.
    file(GLOB page CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/web/page/*)
    file(GLOB routines CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/routines/*.roll)
    file(GLOB audio CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/audio/*.flac)
    # Their names, one a line, the default first: the page hands them all
    # to the composer, as rollout takes every routine for an area.
    set(names "default.roll\n")
    foreach(r ${routines})
        get_filename_component(name ${r} NAME)
        if(NOT name STREQUAL "default.roll")
            string(APPEND names "${name}\n")
        endif()
    endforeach()
    file(WRITE ${ROLLOUT_WEB_DIR}/routines/index.txt "${names}")
    # Every file the page can need, for its service worker to keep offline.
    set(offline "rollout.wasm\nicon-192.png\nicon-512.png\nroutines/index.txt\n")
    foreach(f ${page})
        get_filename_component(name ${f} NAME)
        string(APPEND offline "${name}\n")
    endforeach()
    foreach(f ${routines})
        get_filename_component(name ${f} NAME)
        string(APPEND offline "routines/${name}\n")
    endforeach()
    foreach(f ${audio})
        get_filename_component(name ${f} NAME)
        string(APPEND offline "audio/${name}\n")
    endforeach()
    file(WRITE ${ROLLOUT_WEB_DIR}/offline.txt "${offline}")
    set(stamp ${PROJECT_BINARY_DIR}/CMakeFiles/web-page.stamp)
    add_custom_command(OUTPUT ${stamp}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${ROLLOUT_WEB_DIR}/routines
                ${ROLLOUT_WEB_DIR}/audio
        COMMAND ${CMAKE_COMMAND} -E copy_if_different ${page} ${ROLLOUT_WEB_DIR}
        COMMAND ${CMAKE_COMMAND} -E copy_if_different ${routines} ${ROLLOUT_WEB_DIR}/routines
        COMMAND ${CMAKE_COMMAND} -E copy_if_different ${audio} ${ROLLOUT_WEB_DIR}/audio
        COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
        DEPENDS ${page} ${routines} ${audio}
        COMMENT "Laying out the page in web/: its scripts, the routines, the voice pack"
        COMMAND_EXPAND_LISTS VERBATIM)
    # The icon, drawn by Node from the module's own body map (icon.mjs).
    find_program(ROLLOUT_NODE node DOC "Node.js, to draw the page's icon at build time")
    set(icons ${ROLLOUT_WEB_DIR}/icon-192.png ${ROLLOUT_WEB_DIR}/icon-512.png)
    if(ROLLOUT_NODE)
        add_custom_command(OUTPUT ${icons}
            COMMAND ${ROLLOUT_NODE} ${PROJECT_SOURCE_DIR}/src/web/icon.mjs ${ROLLOUT_WEB_DIR} 192 512
            DEPENDS ${ROLLOUT_WASM} ${stamp} ${PROJECT_SOURCE_DIR}/src/web/icon.mjs
            COMMENT "Drawing the page's icon from the body map: web/icon-*.png"
            VERBATIM)
    else()
        message(STATUS "rollout: no node, so the page has no icon (scripts/setup installs nodejs)")
        set(icons)
    endif()
    add_custom_target(web ALL DEPENDS ${ROLLOUT_WASM} ${stamp} ${icons})
else()
    message(STATUS "rollout: no wasm32-wasi toolchain (clang, wasi-libc, lld-14, "
                   "libclang-rt-14-dev-wasm32), so the web build is left out; "
                   "scripts/setup installs them")
    add_custom_target(web
        COMMAND ${CMAKE_COMMAND} -E echo
                "rollout: building web/rollout.wasm needs clang for wasm32-wasi with wasi-libc, lld-14 and libclang-rt-14-dev-wasm32: run scripts/setup, or apt-get install them, then configure again"
        COMMAND ${CMAKE_COMMAND} -E false
        VERBATIM)
endif()
