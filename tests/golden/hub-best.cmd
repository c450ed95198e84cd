run tests/golden/hub.json --choices 2,1,2 --json
