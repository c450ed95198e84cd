run scenarios/marlow-chatbot.json --seed 1 --choices 4,1,1,1,1,1,2,5,1,3,1,4,2,1 --json
