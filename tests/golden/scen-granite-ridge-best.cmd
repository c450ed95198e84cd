run scenarios/granite-ridge.json --seed 1 --choices 3,6,2,2,1,4,2,5,3,2,4,5 --json
