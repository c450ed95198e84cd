validate --json tests/golden/tiny.json
