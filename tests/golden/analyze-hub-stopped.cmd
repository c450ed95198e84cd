analyze tests/golden/hub.json --max-states 2 --samples 0
