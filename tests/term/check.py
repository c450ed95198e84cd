#!/usr/bin/env python3
"""The terminal player at the terminal's real width, through a pseudo-terminal.

Plays every shipped scenario interactively (choice 1 at each decision, Enter
past narration) in a 60-column pty set with TIOCSWINSZ, and checks that no
line is longer than 60 columns and that no word was split: the words printed
must be exactly those printed in a 400-column pty. Then checks that q and Q
quit with exit 3. COMPEL names the binary (default ./build/compel)."""
import fcntl, glob, os, pty, struct, sys, termios

COMPEL = os.environ.get("COMPEL", "./build/compel")


def play(scenario, cols, keys):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, COLUMNS="999")   # the pty's own width must win
        os.execvpe(COMPEL, [COMPEL, "run", scenario, "--seed", "1", "--no-results"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, attrs)
    os.write(fd, keys.encode())
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    return out.decode("utf-8", "replace").replace("\r\n", "\n"), os.waitstatus_to_exitcode(status)


def main():
    failures = passed = 0
    scenarios = sorted(f for f in glob.glob("scenarios/*.json") if not f.endswith("schema.json"))
    for sc in scenarios:
        narrow, rc = play(sc, 60, "1\n" * 300)
        wide, _ = play(sc, 400, "1\n" * 300)
        long_lines = [l for l in narrow.split("\n") if len(l) > 60]
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
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
