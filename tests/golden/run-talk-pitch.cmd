run tests/golden/talk.json --choices 2,2 --player Jo --json
