run scenarios/northfield-clinics.json --seed 1 --choices 1,4,1,2,3,1,1,1,3,1,1 --json
