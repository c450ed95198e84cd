run scenarios/crumb-and-co.json --seed 1 --choices 1,2,3,3,5,5,5,2,4 --json
