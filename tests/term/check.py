#!/usr/bin/env python3
"""The terminal player at the terminal's real width, through a pseudo-terminal.

Plays every shipped scenario interactively (choice 1 at each decision, Enter
past narration) in a 60-column pty set with TIOCSWINSZ, and checks that no
line is longer than 60 columns and that no word was split: the words printed
must be exactly those printed in a 400-column pty, and that speakers'
headers and the debrief's lines sit at their columns. Then checks that q and Q
quit with exit 3. COMPEL names the binary (default ./build/compel)."""
import fcntl, glob, json, os, re, select, struct, subprocess, sys, termios, time

COMPEL = os.environ.get("COMPEL", "./build/compel")


def play(scenario, cols, keys, mode="practice"):
    """Run the terminal player in a pty of cols columns, typing keys; its
    output and exit code. The parent keeps the pty's terminal side open
    until the game has exited and everything it printed is read: a pty
    whose last holder closes it hangs up, and Linux may then drop what was
    still buffered (the test lost a prompt that way on a loaded machine)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    env = dict(os.environ, COLUMNS="999")   # the pty's own width must win
    proc = subprocess.Popen([COMPEL, "run", scenario, "--seed", "1", "--no-results", "--mode", mode],
                            stdin=slave, stdout=slave, stderr=slave, env=env)
    os.write(master, keys.encode())
    out = b""
    deadline = time.monotonic() + 120
    while True:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            out += os.read(master, 65536)
            continue
        if proc.poll() is not None or time.monotonic() > deadline:
            break
    if proc.poll() is None:
        proc.kill()
    rc = proc.wait()
    os.close(slave)
    os.close(master)
    return out.decode("utf-8", "replace").replace("\r\n", "\n"), rc


def indent_problems(scenario, out):
    """Lines placed at the wrong column: a speaker's "Name, Role:" header
    belongs at the margin (its words beneath at 2); in the debrief a numbered
    decision starts at the margin, and the lines of the skills, setbacks and
    decisions sections (You said, Best available, Coach) at 2."""
    with open(scenario, encoding="utf-8") as f:
        names = [c["name"] for c in json.load(f)["characters"]]
    bad = []
    section = None
    for line in out.split("\n"):
        text = line.lstrip(" ")
        lead = len(line) - len(text)
        if text.endswith(":") and any(text.startswith(n + ", ") for n in names) and lead != 0:
            bad.append(line)
        if line in ("Skills", "Setbacks", "Decisions"):
            section = line
            continue
        if section == "Decisions" and re.match(r"^\d+\. ", text) and lead != 0:
            bad.append(line)
        if section == "Decisions" and re.match(r"^(You said|Best available|Coach):", text) and lead != 2:
            bad.append(line)
        if section in ("Skills", "Setbacks") and text and lead not in (2, 4):
            bad.append(line)
        if not line:
            section = None if section != "Decisions" else section
    return bad


def split_meters(scenario, out):
    """Meters broken across lines: each shown meter's "Label N of M" must
    stay on one line however narrow the terminal."""
    with open(scenario, encoding="utf-8") as f:
        meters = [m for m in json.load(f).get("meters", []) if m.get("show", True)]
    bad = []
    for m in meters:
        pat = r"\s+".join(re.escape(w) for w in m["label"].split()) + r"\s+\d+\s+of\s+\d+"
        bad += [x.group(0) for x in re.finditer(pat, out) if "\n" in x.group(0)]
    return bad


def main():
    failures = passed = 0
    scenarios = sorted(f for f in glob.glob("scenarios/*.json") if not f.endswith("schema.json"))
    for sc in scenarios:
        narrow, rc = play(sc, 60, "1\n" * 300)
        wide, _ = play(sc, 400, "1\n" * 300)
        long_lines = [l for l in narrow.split("\n") if len(l) > 60]
        misplaced = indent_problems(sc, narrow) + indent_problems(sc, wide)
        broken = split_meters(sc, narrow)
        if broken:
            failures += 1
            print(f"FAIL {sc}: {len(broken)} meter(s) broken across lines, e.g. {broken[0]!r}")
        else:
            passed += 1
        if misplaced:
            failures += 1
            print(f"FAIL {sc}: {len(misplaced)} line(s) at the wrong indent")
            for l in misplaced[:3]:
                print("   ", repr(l))
        else:
            passed += 1
        if rc != 0 or long_lines or narrow.split() != wide.split():
            failures += 1
            print(f"FAIL {sc}: exit {rc}, {len(long_lines)} line(s) over 60 columns"
                  f"{', words differ from the 400-column run' if narrow.split() != wide.split() else ''}")
            for l in long_lines[:3]:
                print("   ", l)
        else:
            passed += 1
            print(f"ok {sc}: {narrow.count(chr(10))} lines, none over 60")
    for key in ("q", "Q"):
        _, rc = play(scenarios[0], 60, key + "\n")
        if rc != 3:
            failures += 1
            print(f"FAIL {key} exits {rc}, not 3")
        else:
            passed += 1
            print(f"ok {key} exits 3")
    # an assessment offers only the keys that work in it: no undo, no inspector
    out, _ = play(scenarios[0], 60, "q\n", "assessment")
    prompt = [l for l in out.split("\n") if l.startswith(("Choose 1-", "Press Enter"))]
    if not prompt or any("undo" in l or "state" in l for l in prompt):
        failures += 1
        print(f"FAIL the assessment prompt offers keys it refuses: {prompt[:1]}")
    else:
        passed += 1
        print(f"ok the assessment prompt: {prompt[0]!r}")
    # the meters say what moved since the last decision, in assessment too
    # (the buyer's reaction is shown; only the score waits for the debrief)
    sc = "scenarios/crumb-and-co.json"
    doc = json.load(open(sc, encoding="utf-8"))
    got = json.loads(os.popen(f"{COMPEL} run {sc} --seed 1 --no-results --choices 1 --json 2>/dev/null").read())
    want = []
    for m in doc["meters"]:
        d = got["meters"][m["id"]] - m["start"]
        if m.get("show", True):
            want.append(f"{m['label']} {got['meters'][m['id']]} of {m.get('max', 100)}"
                        + (f" ({'up' if d > 0 else 'down'} {abs(d)})" if d else ""))
    out, _ = play(sc, 400, "\n\n1\nq\n", "assessment")
    lines = [l.strip() for l in out.split("\n") if l.strip().startswith(doc["meters"][0]["label"])]
    if len(lines) < 2 or lines[1].rstrip(".") != ", ".join(want) or "(" not in lines[1]:
        failures += 1
        print(f"FAIL the meters after a choice: {lines[1:2]}, want {', '.join(want)!r}")
    else:
        passed += 1
        print(f"ok the meters after a choice: {lines[1]!r}")
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
