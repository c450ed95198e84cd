run scenarios/harbor-fresh.json --seed 1 --choices 2,4,4,1,1,1,3,1,3,4 --json
