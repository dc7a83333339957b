# SPDX-License-Identifier: MIT
# bash completion for rollout. Commands, options and their values are read
# from rollout's own --help, and routine names from 'rollout list --tsv',
# so what is offered is always what the installed program takes.

# _rollout_options CMD: each option CMD takes, with its value when it has
# one, as "--name VALUE" lines ("--mute click|voice", "--rate HZ", "--quiet").
_rollout_options()
{
    "$1" ${2:+"$2"} --help 2>/dev/null | sed -n -E \
        's/^ {2,6}(-[a-zA-Z], )?(--[a-z-]+)( ([A-Za-z]+|[^ ]*\|[^ ]*))?( .*)?$/\2 \4/p'
}

_rollout()
{
    local cur prev words cword
    _init_completion || return
    local rollout=${words[0]}

    # The command: the first word after any options.
    local i cmd='' cmd_at=0
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        -*) ;;
        *)
            # A word that is an option's value is not the command.
            if [[ $i -gt 1 && ${words[i - 1]} == --* && ${words[i - 1]} != *=* ]] &&
                _rollout_options "$rollout" | grep -q -- "^${words[i - 1]} [^ ]"; then
                continue
            fi
            cmd=${words[i]}
            cmd_at=$i
            break
            ;;
        esac
    done

    if [[ -z $cmd && $cur != -* ]]; then
        local commands
        commands=$("$rollout" --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z]\+\).*/\1/p')
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi

    # The value of the option before the cursor.
    if [[ $prev == -* ]]; then
        local spec
        spec=$(_rollout_options "$rollout" "$cmd" | awk -v o="$prev" '$1 == o { print $2; exit }')
        if [[ $prev == -o ]]; then
            spec=FILE
        fi
        case $spec in
        '') ;;
        *'|'*)
            COMPREPLY=($(compgen -W "${spec//|/ }" -- "$cur"))
            return
            ;;
        FILE | PATH)
            _filedir
            return
            ;;
        DIR)
            _filedir -d
            return
            ;;
        STEP)
            # The steps of the routine named on the line, else the default.
            local routine=default j
            for ((j = cmd_at + 1; j < cword; j++)); do
                [[ ${words[j]} != -* && ${words[j - 1]} != --start-at ]] && routine=${words[j]}
            done
            COMPREPLY=($(compgen -W "$("$rollout" plan --tsv "$routine" 2>/dev/null |
                awk -F'\t' '$3 == "step" { split($4, w, " "); print w[2] }' | sort -u)" -- "$cur"))
            return
            ;;
        *)
            return # a number, a name: nothing to offer
            ;;
        esac
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_rollout_options "$rollout" "$cmd" | awk '{ print $1 }')" -- "$cur"))
        return
    fi

    case $cmd in
    config)
        # A key, then its value.
        local n=0
        for ((i = cmd_at + 1; i < cword; i++)); do
            [[ ${words[i]} != -* ]] && ((n++))
        done
        if ((n == 0)); then
            COMPREPLY=($(compgen -W "$("$rollout" config 2>/dev/null | awk 'NF > 1 && $1 !~ /:$/ && $1 != "Settings" { print $1 }')" -- "$cur"))
        elif ((n == 1)); then
            # What the key takes, from its option: a flag is yes or no.
            local opt
            opt=$(_rollout_options "$rollout" config | awk -v o="--${words[cword - 1]}" '$1 == o { print $1 " " $2 }')
            case $opt in
            '') COMPREPLY=($(compgen -W "default" -- "$cur")) ;;
            *' DIR') _filedir -d ;;
            *' PATH' | *' FILE') _filedir ;;
            *' '*'|'*) local spec=${opt#* }; COMPREPLY=($(compgen -W "${spec//|/ } default" -- "$cur")) ;;
            *' ') COMPREPLY=($(compgen -W "yes no default" -- "$cur")) ;;
            *) COMPREPLY=($(compgen -W "default" -- "$cur")) ;;
            esac
        fi
        ;;
    play | render | shot | plan | check | cues | record | voice)
        # A routine: its name, or a .roll file.
        COMPREPLY=($(compgen -W "$("$rollout" list --tsv 2>/dev/null | cut -f1)" -- "$cur"))
        _filedir roll
        ;;
    esac
}
complete -F _rollout rollout
