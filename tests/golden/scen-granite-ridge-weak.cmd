run scenarios/granite-ridge.json --seed 1 --choices 2,4,3,1,1,2,3,1,2,1 --json
