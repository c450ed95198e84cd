run scenarios/northfield-clinics.json --seed 1 --choices 2,1,2,3,1,2,5,1,1,5,4,2,5,3,3 --json
