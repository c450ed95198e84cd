analyze tests/golden/hub.json --json --samples 0
