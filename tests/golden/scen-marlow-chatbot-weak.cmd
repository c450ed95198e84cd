run scenarios/marlow-chatbot.json --seed 1 --choices 5,5,1,4,3,3,1 --json
