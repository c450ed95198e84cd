run tests/golden/hub.json --from gate --meter trust=59 --choices 1 --json
