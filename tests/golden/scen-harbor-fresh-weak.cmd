run scenarios/harbor-fresh.json --seed 3 --choices 1,4,1,1,1 --json
