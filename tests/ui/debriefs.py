#!/usr/bin/env python3
"""The two front ends show one debrief. For every replay in tests/replays
(or the ones named), the decisions the window's debrief lays out (its text
log, COMPEL_UI_TEXTS) must equal what the terminal player prints for the same
playthrough (`compel run --replay`): each decision's number, skill, points,
the choice made, the best choice available and the coach's feedback, and the
ending's title. Ends with "N passed, N failed".
    COMPEL=./build/compel python3 tests/ui/debriefs.py [REPLAY...]
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

COMPEL = os.environ.get("COMPEL", "./compel")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def words(s):
    """Whitespace as the wrapping left it, made comparable: one space."""
    return " ".join(s.split()) if s is not None else None


def terminal(replay, scenario):
    """[(number, skill, points, possible, said, best, feedback)], ending title."""
    env = dict(os.environ, COLUMNS="400")
    out = subprocess.run([COMPEL, "run", scenario, "--replay", replay], env=env,
                         capture_output=True, text=True, timeout=60).stdout
    lines = out.split("\n")
    ending = None
    for ln in lines:
        m = re.match(r"^Ending: (.*)\. Outcome: \w+\.$", ln)
        if m:
            ending = m.group(1)
    decisions, cur, field = [], None, None
    start = lines.index("Decisions") + 1 if "Decisions" in lines else len(lines)
    for ln in lines[start:]:
        m = re.match(r"^ *(\d+)\. (?:(.+): (-?\d+) of (\d+) points?\.|Unscored\.)$", ln)
        if m:
            cur = {"number": int(m.group(1)), "skill": m.group(2),
                   "points": int(m.group(3) or 0), "possible": int(m.group(4) or 0),
                   "said": None, "best": None, "feedback": None}
            decisions.append(cur)
            field = None
            continue
        if cur is None:
            continue
        m = re.match(r"^ +(You said:|Best available:|Coach:) ?(.*)$", ln)
        if m:
            field = {"You said:": "said", "Best available:": "best", "Coach:": "feedback"}[m.group(1)]
            cur[field] = m.group(2)
        elif ln.startswith(" ") and field:
            cur[field] = (cur[field] + " " + ln).strip()
        else:
            field = None
    return decisions, ending


def window(replay, scenario, saved, tmp):
    chosen = [c.split()[1] for c in saved["commands"] if c.startswith("choose ")]
    log = os.path.join(tmp, "texts.txt")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", COMPEL_UI_TEXTS=log)
    subprocess.run([COMPEL, scenario, "--seed", str(saved["seed"]), "--player", saved.get("player", ""),
                    "--mode", saved.get("mode", "practice"), "--choices=" + ",".join(chosen),
                    "--screen", "debrief", "--window", "1280x720",
                    "--screenshot", os.path.join(tmp, "debrief.bmp")],
                   env=env, capture_output=True, text=True, timeout=60, check=True)
    texts = []
    with open(log, encoding="utf-8") as f:
        for ln in f.read().split("\n"):
            if "\t" in ln:
                texts.append(ln.split("\t", 1)[1].replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\"))
    ending, decisions, cur = None, [], None
    for t in texts:
        m = re.match(r"^(?:Won|Lost|Stalled): (.*)$", t)
        if m and ending is None:
            ending = m.group(1)
        m = re.match(r"^Decision (\d+) \u00b7 (?:(.+) \u00b7 (-?\d+) of (\d+) points?|not scored)"
                     r"(?: \u00b7 after a setback)?$", t)
        if m:
            cur = {"number": int(m.group(1)), "skill": m.group(2),
                   "points": int(m.group(3) or 0), "possible": int(m.group(4) or 0),
                   "said": None, "best": None, "feedback": None}
            decisions.append(cur)
            continue
        if cur is None:
            continue
        m = re.match(r"^You chose: \u201c(.*)\u201d$", t, re.S)
        if m:
            cur["said"] = m.group(1)
        m = re.match(r"^Best here \(-?\d+ points?\): \u201c(.*)\u201d$", t, re.S)
        if m:
            cur["best"] = m.group(1)
        if t.startswith("Coach: "):
            cur["feedback"] = t[len("Coach: "):]
    return decisions, ending


def main():
    os.chdir(ROOT)
    replays = sys.argv[1:] or sorted(glob.glob("tests/replays/*.replay"))
    passed = failed = 0
    for replay in replays:
        with open(replay, encoding="utf-8") as f:
            saved = json.load(f)
        scenario = saved["file"]
        with tempfile.TemporaryDirectory() as tmp:
            try:
                tdec, tend = terminal(replay, scenario)
                wdec, wend = window(replay, scenario, saved, tmp)
            except (subprocess.SubprocessError, OSError, ValueError) as e:
                failed += 1
                print(f"FAIL: {replay}: {e}")
                continue
        problems = []
        nchosen = sum(1 for c in saved["commands"] if c.startswith("choose "))
        if len(tdec) != nchosen or len(wdec) != nchosen:
            problems.append(f"{nchosen} choices made, the terminal shows {len(tdec)} decisions, the window {len(wdec)}")
        if words(tend) != words(wend):
            problems.append(f"ending: terminal {tend!r}, window {wend!r}")
        for t, w in zip(tdec, wdec):
            for key in ("number", "skill", "points", "possible", "said", "best", "feedback"):
                a, b = t[key], w[key]
                if isinstance(a, str) or isinstance(b, str):
                    a, b = words(a), words(b)
                if a != b:
                    problems.append(f"decision {t['number']} {key}: terminal {a!r}, window {b!r}")
        if problems:
            failed += 1
            print(f"FAIL: {replay}: " + "; ".join(problems[:4]))
        else:
            passed += 1
    print(f"debriefs: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
