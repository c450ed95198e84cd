graph tests/golden/tiny.json
