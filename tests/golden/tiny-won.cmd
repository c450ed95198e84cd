run tests/golden/tiny.json --choices 1 --json
