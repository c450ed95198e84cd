run scenarios/crumb-and-co.json --seed 1 --choices 4,3,3,1,4,4,4 --json
