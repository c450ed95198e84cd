run scenarios/granite-ridge.json --seed 1 --choices 3,6,1,1,1,3,2,6,3,3,7,4,5 --json
