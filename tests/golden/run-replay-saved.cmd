run tests/golden/hub.json --replay tests/golden/hub-best.saved.json --json
