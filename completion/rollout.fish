# fish completion for rollout: the commands and the routine names come from
# the program itself ('rollout --help', 'rollout list --tsv').
function __rollout_commands
    rollout --help 2>/dev/null | string match -r '^  ([a-z]+)' | string match -r '^[a-z]+$'
end
function __rollout_routines
    rollout list --tsv 2>/dev/null | string split -f1 \t
end
function __rollout_keys
    rollout config 2>/dev/null | string match -r '^[a-z-]+'
end

complete -c rollout -f
complete -c rollout -n __fish_use_subcommand -a '(__rollout_commands)'
complete -c rollout -n '__fish_seen_subcommand_from play render shot plan check cues record voice' -a '(__rollout_routines)' -d routine
complete -c rollout -n '__fish_seen_subcommand_from play render shot plan check cues record voice' -F
complete -c rollout -n '__fish_seen_subcommand_from config' -a '(__rollout_keys)' -d setting
complete -c rollout -l rate -x -d 'output sample rate in Hz'
complete -c rollout -l pace -x -d 'seconds between clicks'
complete -c rollout -l volume -x -d 'master volume in dB'
complete -c rollout -l click-volume -x -d 'click volume in dB'
complete -c rollout -l voice-volume -x -d 'voice volume in dB'
complete -c rollout -l mute -x -a 'click voice' -d 'silence one of the two'
complete -c rollout -l music -r -F -d 'your music under the session'
complete -c rollout -l music-volume -x -d 'music volume in dB'
complete -c rollout -l shuffle -d 'the music in a random order'
complete -c rollout -l start-at -x -d 'begin at a step'
complete -c rollout -l resume -d 'go on from where the last session stopped'
complete -c rollout -l device -x -d 'the audio device'
complete -c rollout -l buffer -x -d 'device buffer in frames'
complete -c rollout -l headless -d 'play without the window'
complete -c rollout -l watch -d 'reload the routine when it changes'
complete -c rollout -s v -l verbose -d 'say how remotes reach rollout'
complete -c rollout -l listen -d 'act on spoken commands'
complete -c rollout -l fast -x -d 'times N times shorter'
complete -c rollout -l voices -x -a '(__fish_complete_directories)' -d 'cue recordings folder'
complete -c rollout -s o -l output -r -F -d 'the file to write'
complete -c rollout -l at -x -d 'shot: the moment'
complete -c rollout -l size -x -d 'shot: WIDTHxHEIGHT'
complete -c rollout -l paused -d 'shot: as it looks paused'
complete -c rollout -l start-screen -d "shot: the window's start screen"
complete -c rollout -l help-screen -d "shot: the window's help over the session"
complete -c rollout -l no-playback -d 'record: no playback'
complete -c rollout -l tts -x -a 'festival flite espeak-ng' -d 'voice: the speech synthesiser'
complete -c rollout -l voice -x -d "voice: the synthesiser's voice"
complete -c rollout -l force -d "voice: replace a person's recording"
complete -c rollout -l draft -d 'cues not recorded are silent slots'
complete -c rollout -l bits -x -a '16 24 32' -d 'sample size'
complete -c rollout -l channels -x -a '1 2' -d 'mono or stereo'
complete -c rollout -l quiet -d 'render: no progress bar'
complete -c rollout -l tsv -d 'tab-separated output'
complete -c rollout -l format -x -a 'text json tsv' -d 'output format'
complete -c rollout -l missing -d 'cues: only those missing'
complete -c rollout -s h -l help -d 'show help'
complete -c rollout -s V -l version -d 'show the version'
