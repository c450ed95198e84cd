"""The count the scenario scripts keep: result(ok, name, why) for each check
(a failure prints one line naming the scenario and what is wrong), then
finish() prints "N passed, N failed" and exits 1 when anything failed."""
import sys

passed = failed = 0


def result(ok, name, why=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s: %s" % (name, why))


def finish():
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
