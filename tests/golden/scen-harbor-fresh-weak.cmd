run scenarios/harbor-fresh.json --seed 1 --choices 2,4,4,1,1,1,2,1,4,5 --json
