run tests/golden/nope.json --choices 1
