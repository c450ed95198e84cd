run scenarios/granite-ridge.json --seed 1 --choices 1,4,3,1,1,2,1,1,1,1,4 --json
