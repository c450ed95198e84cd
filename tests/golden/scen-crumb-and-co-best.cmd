run scenarios/crumb-and-co.json --seed 1 --choices 1,2,3,3,3,6,2,2,3 --json
