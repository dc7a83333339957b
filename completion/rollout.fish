# SPDX-License-Identifier: MIT
# fish completion for rollout. Commands, options and their values are read
# from rollout's own --help (drawn from its option table), routine names from
# 'rollout list --tsv' and settings from 'rollout config', so what is offered
# is always what the installed program takes.
function __rollout_commands
    rollout --help 2>/dev/null | string match -r '^  ([a-z]+)' | string match -r '^[a-z]+$'
end
function __rollout_routines
    rollout list --tsv 2>/dev/null | string split -f1 \t
end
function __rollout_keys
    rollout config 2>/dev/null | string match -r '^[a-z-]+'
end
# The command on the line so far, or nothing.
function __rollout_command
    set -l commands (__rollout_commands)
    for word in (commandline -opc)[2..-1]
        if contains -- $word $commands
            echo $word
            return
        end
    end
end
# "--name VALUE" for each option the command takes ("--rate HZ", "--quiet").
function __rollout_option_lines
    rollout (__rollout_command) --help 2>/dev/null |
        string replace -rf '^ {2,6}(?:-[a-zA-Z], )?(--[a-z-]+)(?: ([A-Za-z]+|[^ ]*\|[^ ]*))?(?: .*)?$' '$1 $2'
end
# The options, offered while the word typed starts with a dash.
function __rollout_options
    for line in (__rollout_option_lines)
        string split -f1 ' ' -- $line
    end
end
function __rollout_typing_option
    string match -q -- '-*' (commandline -ct)
end
# The value the option before the cursor takes, when it has one.
function __rollout_value_spec
    set -l prev (commandline -opc)[-1]
    test "$prev" = -o; and set prev --output
    for line in (__rollout_option_lines)
        set -l parts (string split ' ' -- $line)
        if test "$parts[1]" = "$prev"; and test -n "$parts[2]"
            echo $parts[2]
            return
        end
    end
end
function __rollout_wants_value
    set -l spec (__rollout_value_spec)
    test -n "$spec"
end
function __rollout_values
    set -l spec (__rollout_value_spec)
    if string match -q '*|*' -- $spec
        string split '|' -- $spec
    else if test "$spec" = STEP
        set -l routine default
        for word in (commandline -opc)[2..-1]
            if string match -q -- '*.roll' $word
                set routine $word
            end
        end
        rollout plan --tsv $routine 2>/dev/null | awk -F'\t' '$3 == "step" { split($4, w, " "); print w[2] }' | sort -u
    end
end

complete -c rollout -f
complete -c rollout -n '__fish_use_subcommand; and not __rollout_typing_option' -a '(__rollout_commands)'
complete -c rollout -n __rollout_typing_option -a '(__rollout_options)'
complete -c rollout -n '__rollout_wants_value; and not __rollout_typing_option' -a '(__rollout_values)'
complete -c rollout -n 'contains -- (__rollout_value_spec) FILE PATH; and not __rollout_typing_option' -F
complete -c rollout -n 'contains -- (__rollout_value_spec) DIR; and not __rollout_typing_option' -a '(__fish_complete_directories)'
complete -c rollout -n 'not __rollout_wants_value; and __fish_seen_subcommand_from play render shot plan check cues record voice' -a '(__rollout_routines)' -d routine
complete -c rollout -n 'not __rollout_wants_value; and __fish_seen_subcommand_from play render shot plan check cues record voice' -F
complete -c rollout -n '__fish_seen_subcommand_from config' -a '(__rollout_keys)' -d setting
