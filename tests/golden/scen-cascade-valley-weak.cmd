run scenarios/cascade-valley.json --seed 1 --choices 3,1,2,1,1,1,3,2,1,3,1 --json
