run scenarios/harbor-fresh.json --seed 1 --choices 1,1,2,3,2,5,5,5,4,3,2,6 --json
