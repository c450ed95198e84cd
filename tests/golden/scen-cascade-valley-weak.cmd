run scenarios/cascade-valley.json --seed 1 --choices 1,4,2,1,1,1,1,1,1,1,3 --json
