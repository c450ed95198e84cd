lint tests/lint/cue-player.json
