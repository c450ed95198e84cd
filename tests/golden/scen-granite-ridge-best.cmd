run scenarios/granite-ridge.json --seed 1 --choices 3,6,1,1,1,4,2,5,3,3,2,4,6 --json
