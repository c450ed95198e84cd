run scenarios/harbor-fresh.json --seed 3 --choices 1,1,2,3,2,4,1,5,1,3,2,5 --json
