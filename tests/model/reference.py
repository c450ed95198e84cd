"""An independent reference implementation of docs/format.md's rules and
docs/cli.md's `run --choices --json`, written from the documents (not from the C
code), to check the engine on random scenarios."""

MASK = 0xFFFFFFFFFFFFFFFF


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


DEFAULT_SKILLS = ["diagnose", "root_cause", "cost_of_inaction", "stand_by"]
DEFAULT_GRADES = [(85, "Trusted advisor"), (70, "Professional"), (50, "Developing"), (0, "Pitchman")]


def percent(earned, possible):
    if possible <= 0 or earned <= 0:
        return 0
    return min(100, (200 * earned + possible) // (2 * possible))


class Play:
    def __init__(self, sc, seed):
        self.sc = sc
        self.nodes = {n["id"]: n for n in sc["nodes"]}
        self.meters = {m["id"]: m for m in sc.get("meters", [])}
        self.values = {m["id"]: m["start"] for m in sc.get("meters", [])}
        self.flags, self.visited, self.spent = set(), set(), set()
        self.rng = SplitMix64(seed)
        self.steps = []
        self.enter(sc["start"])

    def clamp_add(self, effects):
        for mid, d in (effects or {}).items():
            m = self.meters[mid]
            self.values[mid] = max(m.get("min", 0), min(m.get("max", 100), self.values[mid] + d))

    def holds(self, c):
        if "meter" in c:
            v = self.values[c["meter"]]
            return ("min" not in c or v >= c["min"]) and ("max" not in c or v <= c["max"])
        if "flag" in c:
            return c["flag"] in self.flags
        if "visited" in c:
            return c["visited"] in self.visited
        if "not" in c:
            return not self.holds(c["not"])
        if "all" in c:
            return all(self.holds(x) for x in c["all"])
        return any(self.holds(x) for x in c["any"])

    def enter(self, nid):
        while True:
            node = self.nodes[nid]
            self.node = nid
            self.visited.add(nid)
            self.clamp_add(node.get("effects"))
            if "route" not in node:
                return
            for e in node["route"]:
                if "when" in e and not self.holds(e["when"]):
                    continue
                if "chance" in e and not self.rng.unit() < e["chance"]:
                    continue
                nid = e["next"]
                break

    def status(self):
        node = self.nodes[self.node]
        return "ended" if "ending" in node else "reading" if "next" in node else "decision"

    def visible(self):
        node = self.nodes[self.node]
        return [i for i, c in enumerate(node["choices"])
                if not (c.get("once") and (self.node, i) in self.spent)
                and ("when" not in c or self.holds(c["when"]))]

    def choose(self, index):
        node = self.nodes[self.node]
        vis = self.visible()
        i = vis[index - 1]
        c = node["choices"][i]
        skill = node.get("skill")
        if skill:
            best = max(node["choices"][k].get("points", 0) for k in vis)
            pts, poss = c.get("points", 0), max(0, best)
        else:
            pts, poss = 0, 0
        self.steps.append({"node": self.node, "choice": c.get("id", str(i + 1)), "index": index,
                           "skill": skill, "points": pts, "possible": poss})
        self.clamp_add(c.get("effects"))
        self.flags |= set(c.get("set", []))
        self.flags -= set(c.get("clear", []))
        self.spent.add((self.node, i))
        self.enter(c["next"])


def run(sc, seed, choices):
    """(exit code, the --json object or None) for `compel run --choices`."""
    p = Play(sc, seed)
    used = 0
    while True:
        st = p.status()
        if st == "ended":
            break
        if st == "reading":
            p.enter(p.nodes[p.node]["next"])
            continue
        if used >= len(choices):
            return 3, result(p, sc, seed, ended=False)
        vis = p.visible()
        if choices[used] > len(vis):
            return 1, None
        p.choose(choices[used])
        used += 1
    return 0, result(p, sc, seed, ended=True)


def result(p, sc, seed, ended):
    skills = [s["id"] for s in sc["skills"]] if "skills" in sc else DEFAULT_SKILLS
    per = {s: {"earned": 0, "possible": 0} for s in skills}
    for s in p.steps:
        if s["skill"]:
            per[s["skill"]]["earned"] += s["points"]
            per[s["skill"]]["possible"] += s["possible"]
    pct = percent(sum(s["points"] for s in p.steps), sum(s["possible"] for s in p.steps))
    grades = sorted(((g["min_percent"], g["label"]) for g in sc["grades"]), reverse=True) \
        if "grades" in sc else DEFAULT_GRADES
    node = p.nodes[p.node]
    out = {
        "scenario": sc["id"], "seed": seed,
        "ending": p.node if ended else None,
        "outcome": node["ending"]["outcome"] if ended else None,
        "percent": pct,
        "grade": next(label for lo, label in grades if lo <= pct) if ended else None,
        "skills": per,
        "meters": dict(p.values),
        "flags": sorted(p.flags),
        "steps": p.steps,
    }
    if not ended:   # the list ran out at a decision: what it offers now
        skill = node.get("skill")
        out["decision"] = {"node": p.node, "skill": skill, "choices": [
            {"index": k + 1, "id": node["choices"][i].get("id", str(i + 1)),
             "text": node["choices"][i]["text"],
             "points": node["choices"][i].get("points", 0) if skill else 0}
            for k, i in enumerate(p.visible())]}
    return out


def all_paths(sc, limit=200000):
    """Every path from the start to an ending, following both outcomes of each
    chance draw: a list of (earned, possible, outcome, choices)."""
    import copy

    class Forced(Play):
        def __init__(self, sc, draws):
            self.draws, self.used = list(draws), []
            super().__init__(sc, 0)

    def draw_unit(p):
        b = p.draws.pop(0) if p.draws else False
        p.used.append(b)
        return 0.0 if b else 1.0      # 0.0 < chance always holds; 1.0 never does

    Forced.rng = None
    out = []

    def settle(p):
        while p.status() == "reading":
            p.enter(p.nodes[p.node]["next"])

    def branches(make):
        """Run make(draws) for every draw sequence (depth first, False first)."""
        prefix = []
        while True:
            p = make(prefix)
            yield p
            seq = p.used
            j = len(seq) - 1
            while j >= 0 and seq[j]:
                j -= 1
            if j < 0:
                return
            prefix = seq[:j] + [True]

    def start(draws):
        p = Forced.__new__(Forced)
        p.draws, p.used = list(draws), []
        p.rng = type("R", (), {"unit": lambda self_: draw_unit(p)})()
        Play.__init__.__wrapped__(p, sc) if hasattr(Play.__init__, "__wrapped__") else init_no_rng(p, sc)
        settle(p)
        return p

    def init_no_rng(p, sc):
        p.sc = sc
        p.nodes = {n["id"]: n for n in sc["nodes"]}
        p.meters = {m["id"]: m for m in sc.get("meters", [])}
        p.values = {m["id"]: m["start"] for m in sc.get("meters", [])}
        p.flags, p.visited, p.spent = set(), set(), set()
        p.steps = []
        p.enter(sc["start"])

    def walk(p, choices):
        if len(out) > limit:
            raise RuntimeError("too many paths")
        if p.status() == "ended":
            e = sum(s["points"] for s in p.steps)
            pp = sum(s["possible"] for s in p.steps)
            out.append((e, pp, p.nodes[p.node]["ending"]["outcome"], choices))
            return
        for k in range(1, len(p.visible()) + 1):
            def make(draws, p=p, k=k):
                q = copy.copy(p)
                q.values, q.flags, q.visited = dict(p.values), set(p.flags), set(p.visited)
                q.spent, q.steps = set(p.spent), list(p.steps)
                q.draws, q.used = list(draws), []
                q.rng = type("R", (), {"unit": lambda self_: draw_unit(q)})()
                q.choose(k)
                settle(q)
                return q
            for q in branches(make):
                walk(q, choices + [k])

    for p in branches(start):
        walk(p, [])
    return out
