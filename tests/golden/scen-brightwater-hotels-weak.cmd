run scenarios/brightwater-hotels.json --seed 1 --choices 2,5,5,1,3,2,2,2,1,5,3 --json
