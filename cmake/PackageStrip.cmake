# SPDX-License-Identifier: MIT
# Run by CPack after it has installed into its staging folder and before
# it packs: takes the compiler's .comment and .note sections out of the
# program, as Debian's dh_strip does (CPack's own strip keeps them).
set(program "${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}/bin/rollout")
execute_process(COMMAND strip --remove-section=.comment --remove-section=.note ${program}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "strip ${program} failed")
endif()
