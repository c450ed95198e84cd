run scenarios/granite-ridge.json --seed 1 --choices 3,6,1,1,1,5,2,6,3,3,7,4,6 --json
