run scenarios/crumb-and-co.json --seed 1 --choices 3,1,1,1,2,3,3,1 --json
