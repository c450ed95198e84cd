run tests/golden/tiny.json --choices 1,2,2 --json
