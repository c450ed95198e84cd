run scenarios/brightwater-hotels.json --seed 1 --choices 3,1,1,1,1,3,2,3,3,3,2,2,3,2 --json
