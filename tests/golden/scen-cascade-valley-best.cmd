run scenarios/cascade-valley.json --seed 1 --choices 2,2,3,5,1,4,3,5,1,5,4,6 --json
