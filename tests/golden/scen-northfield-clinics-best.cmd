run scenarios/northfield-clinics.json --seed 1 --choices 3,1,1,1,1,3,1,2,2,3,3,4,3,2 --json
