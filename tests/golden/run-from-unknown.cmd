run tests/golden/hub.json --from nowhere --choices 1
