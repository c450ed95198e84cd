run tests/golden/tiny.json --mode exam
