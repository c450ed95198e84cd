run scenarios/marlow-chatbot.json --seed 1 --choices 1,4,1,1,1,3,1,2,1,1,2 --json
