run scenarios/marlow-chatbot.json --seed 1 --choices 3,1,2,4,2,1,4,4,2,3,3,5,4,1,4 --json
