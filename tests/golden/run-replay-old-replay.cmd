run tests/golden/hub.json --replay tests/golden/hub-old-replay.saved.json
