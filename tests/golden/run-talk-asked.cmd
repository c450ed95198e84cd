run tests/golden/talk.json --choices 1,1 --player Jo --json
