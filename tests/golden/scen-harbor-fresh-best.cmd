run scenarios/harbor-fresh.json --seed 1 --choices 3,1,1,1,1,2,1,3,3,1,3 --json
