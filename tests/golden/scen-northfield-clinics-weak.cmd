run scenarios/northfield-clinics.json --seed 1 --choices 3,2,3,2,4,4,4,2,3,3,4,2,2 --json
