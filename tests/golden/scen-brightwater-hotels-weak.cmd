run scenarios/brightwater-hotels.json --seed 1 --choices 1,4,1,1,1,1,1,1,1,1,1 --json
