run tests/golden/hub.json --set nope --choices 1
