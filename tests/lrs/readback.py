#!/usr/bin/env python3
"""Read every statement back from the test LRS, following its `more` links
(paging), and compare them with what compel sent.

usage: readback.py URL SENT.json [--expect-playthroughs N]
URL is the xAPI endpoint (http://127.0.0.1:PORT/xAPI). SENT.json is the
array `compel xapi --out` wrote for the same files and options. Prints one
line with the counts; exits 1 when a statement is missing, changed, extra
or stored twice."""
import base64
import json
import sys
import urllib.request
from urllib.parse import urljoin

AUTH = "Basic " + base64.b64encode(b"compel-test-key:compel-test-secret").decode()


def fetch_all(url):
    out, pages = [], 0
    nxt = url + "/statements?limit=100&ascending=true"
    while nxt:
        req = urllib.request.Request(nxt, headers={"Authorization": AUTH, "X-Experience-API-Version": "1.0.3"})
        with urllib.request.urlopen(req, timeout=30) as r:
            page = json.load(r)
        pages += 1
        out += page["statements"]
        more = page.get("more") or ""
        nxt = urljoin(url, more) if more else None
    return out, pages


def canon(s):
    return json.dumps(s, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def main():
    url, sent_path = sys.argv[1], sys.argv[2]
    sent = json.load(open(sent_path, encoding="utf-8"))
    got, pages = fetch_all(url)
    ids = [s["id"] for s in got]
    dup = len(ids) - len(set(ids))
    by_id = {}
    for s in got:
        for k in ("stored", "authority", "version"):
            s.pop(k, None)
        by_id[s["id"]] = s
    missing = [s["id"] for s in sent if s["id"] not in by_id]
    changed = [s["id"] for s in sent if s["id"] in by_id and canon(s) != canon(by_id[s["id"]])]
    extra = len(set(by_id) - {s["id"] for s in sent})
    regs = {}
    for s in got:
        if s["verb"]["id"].endswith("/attempted"):
            r = s["context"]["registration"]
            regs[r] = regs.get(r, 0) + 1
    twice = sum(1 for v in regs.values() if v > 1)
    print("lrs: %d statements read back in %d pages, %d sent: %d missing, %d changed, %d extra, %d duplicated; "
          "%d playthroughs, %d stored twice" % (len(got), pages, len(sent), len(missing), len(changed), extra, dup,
                                                 len(regs), twice))
    if changed:
        s = next(x for x in sent if x["id"] == changed[0])
        print("first changed:\n sent %s\n got  %s" % (canon(s), canon(by_id[s["id"]])))
    if "--expect-playthroughs" in sys.argv:
        want = int(sys.argv[sys.argv.index("--expect-playthroughs") + 1])
        if len(regs) != want:
            print("expected %d playthroughs" % want)
            return 1
    return 1 if missing or changed or extra or dup or twice else 0


if __name__ == "__main__":
    sys.exit(main())
