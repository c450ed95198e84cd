run tests/golden/hub.json --choices 2,1,1 --results /proc/compel/r.jsonl --json
