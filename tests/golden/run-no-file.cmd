run --choices 1
