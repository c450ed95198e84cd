run scenarios/cascade-valley.json --seed 1 --choices 2,2,3,4,1,3,3,4,1,4,3,5 --json
