run scenarios/granite-ridge.json --seed 1 --choices 1,1,1,1,1,4,2,3,1,4,2,3,3 --json
