run tests/golden/hub.json --choices 1,1,5
