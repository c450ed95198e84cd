run tests/golden/hub.json --replay tests/golden/hub-old-autosave.saved.json --json
