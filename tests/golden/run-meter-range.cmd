run tests/golden/hub.json --meter trust=61 --choices 1
