run scenarios/northfield-clinics.json --seed 1 --choices 2,1,2,3,1,4,3,1,4,2,3,2,5,3,4 --json
