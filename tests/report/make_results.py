#!/usr/bin/env python3
"""Make a results file by really playing the fixture scenarios with
`compel run --results`: a team of players (names with commas, quotes,
newlines and non-ASCII), each with a few attempts that get better, so the
report has something to show. Deterministic choices (seeded).

usage: make_results.py COMPEL OUT.jsonl"""
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYERS = ["Sam Ortiz", "Zoë Kowalczyk", 'Rob "Bobby" Tables', "Lee, Jr.", "Ana María Núñez",
           "Kenji 佐藤", "Priya Raman", "Tom O'Brien"]
# per scenario: for each decision, the visible indices from best to worst
BEST_FIRST = {
    "first-call": [[1, 3, 2], [1, 3, 2], [1, 3, 2], [1, 3, 2]],
    "renewal": [[1, 2], [1, 3, 2]],
}


def play(compel, scenario, player, skill, out, rng):
    choices = []
    for order in BEST_FIRST[scenario]:
        # a better player picks the best answer more often
        k = 0
        while k < len(order) - 1 and rng.random() > skill:
            k += 1
        choices.append(order[k])
    args = [compel, "run", os.path.join(HERE, "fixtures", scenario + ".json"), "--choices",
            ",".join(map(str, choices)), "--player", player, "--results", out,
            "--mode", "assessment"]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def main():
    compel, out = sys.argv[1], sys.argv[2]
    rng = random.Random(7)
    for i, player in enumerate(PLAYERS):
        base = 0.25 + 0.08 * i
        for scenario in ("first-call", "renewal"):
            if scenario == "renewal" and i % 3 == 2:
                continue  # not everyone has played both
            for attempt in range(1 + (i % 3)):
                play(compel, scenario, player, min(0.95, base + 0.15 * attempt), out, rng)


if __name__ == "__main__":
    main()
