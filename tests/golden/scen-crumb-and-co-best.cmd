run scenarios/crumb-and-co.json --seed 1 --choices 1,2,3,3,4,2,5,3,4 --json
