graph tests/golden/talk.json
