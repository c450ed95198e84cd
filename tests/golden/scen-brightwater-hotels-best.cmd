run scenarios/brightwater-hotels.json --seed 1 --choices 3,2,2,4,3,5,5,1,1,3,4,4,2,2 --json
