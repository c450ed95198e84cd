run tests/golden/tiny.json --seed 9 --choices 2 --json
