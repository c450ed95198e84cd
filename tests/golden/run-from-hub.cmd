run tests/golden/hub.json --from hub --set budget --meter trust=60 --choices 3 --json
