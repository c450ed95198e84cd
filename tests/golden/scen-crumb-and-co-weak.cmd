run scenarios/crumb-and-co.json --seed 1 --choices 1,3,2,1,1,2 --json
