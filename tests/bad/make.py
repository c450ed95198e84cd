#!/usr/bin/env python3
"""Writes the broken-file corpus: one small scenario per validator rule, each
the valid BASE below with one defect, and NAME.expect holding the exact line
`compel validate` must print for it (checked by hand when added). Run from
the repository root: python3 tests/bad/make.py"""
import copy
import json
import os

BASE = {
    "format": 1, "id": "base", "title": "Base", "summary": "A valid scenario to break.",
    "characters": [{"id": "dana", "name": "Dana Ruiz", "role": "VP Operations", "stance": "champion"}],
    "meters": [{"id": "trust", "label": "Trust", "start": 50}],
    "start": "open",
    "nodes": [
        {"id": "open", "speaker": "dana", "skill": "diagnose", "text": "What do you want to show me?",
         "choices": [
             {"text": "What have you tried?", "points": 3, "feedback": "Ask first.", "set": ["asked"],
              "reply": "Two vendors, no luck.", "next": "close"},
             {"text": "Our features.", "points": 0, "feedback": "Too early.", "reply": "Maybe later.",
              "next": "lost"}]},
        {"id": "close", "speaker": "dana", "skill": "stand_by", "text": "And now?",
         "choices": [
             {"text": "Propose a pilot", "points": 2, "feedback": "Good.", "when": {"flag": "asked"},
              "reply": "A pilot I can sell.", "next": "won"},
             {"text": "Wait and see", "points": 0, "feedback": "Stalls.", "reply": "Fine.", "next": "lost"}]},
        {"id": "won", "ending": {"outcome": "won", "title": "Pilot", "text": "Signed."}},
        {"id": "lost", "ending": {"outcome": "lost", "title": "Gone", "text": "Lost."}},
    ],
}

CASES = []


def case(name, expect, edit=None, raw=None):
    CASES.append((name, expect, edit, raw))


def node(sc, nid):
    return next(n for n in sc["nodes"] if n["id"] == nid)


MOODS = ["neutral", "friendly", "pleased", "curious", "thoughtful", "worried", "frustrated", "angry",
         "skeptical", "relieved"]
E = "error"
W = "warning"
# --- bytes and syntax
case("error-json-syntax", "{f}:4:3: error: invalid JSON at '\"title\": \"x\"' (a missing comma, quote or bracket nearby?)",
     raw=b'{\n  "format": 1,\n  "id": "x"\n  "title": "x"\n}\n')
case("error-json-truncated", "{f}:2:15: error: invalid JSON: the file ends too early (an unclosed string, bracket or brace?)",
     raw=b'{\n  "format": 1,')
case("error-trailing-garbage", "{f}:1:15: error: unexpected text after the end of the JSON value",
     raw=b'{"format": 1} x\n')
case("error-not-utf8", "{f}:2:16: error: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8",
     raw=b'{\n  "title": "caf\xe9"\n}\n')
case("error-nul-escape", "{f}:1:14: error: a string contains \\u0000 (a NUL character), which no scenario text may hold",
     raw=b'{"title": "ab\\u0000c"}\n')
case("error-too-deep", "{f}:1:65: error: nesting is deeper than 64 levels; a scenario never needs that much",
     raw=b"[" * 70 + b"]" * 70)
case("error-not-object", "{f}: error: a scenario must be one JSON object {{...}}, not a list", raw=b"[1, 2]\n")
case("error-empty-file", "{f}: error: the file is empty: a scenario is one JSON object {{...}}", raw=b"")
case("error-duplicate-key", "{f}: error: nodes[2].ending.title: the key \"title\" appears twice in one object; keep only one",
     raw=json.dumps(BASE).replace('"title": "Pilot",', '"title": "Pilot", "title": "Pilot 2",').encode())
# --- structure
case("error-missing-title", "{f}: error: missing required field \"title\" (shown in the scenario picker)",
     lambda s: s.pop("title"))
case("error-format-version", "{f}: error: format: this program reads format 1 scenarios; \"format\" must be 1",
     lambda s: s.update(format=2))
case("error-wrong-type", "{f}: error: nodes[0].choices[0].points: must be a whole number, not a string",
     lambda s: node(s, "open")["choices"][0].update(points="3"))
case("error-fraction", "{f}: error: nodes[0].choices[0].points: must be a whole number, not 2.5",
     lambda s: node(s, "open")["choices"][0].update(points=2.5))
case("error-points-range", "{f}: error: nodes[0].choices[0].points: must be between -10 and 10, not 12",
     lambda s: node(s, "open")["choices"][0].update(points=12))
case("error-chance-range", "{f}: error: nodes[4].route[0].chance: chance must be above 0 and at most 1, not 1.5",
     lambda s: (s["nodes"].append({"id": "r", "route": [{"chance": 1.5, "next": "won"}, {"next": "lost"}]}),
                node(s, "open")["choices"][1].update(next="r")))
case("error-no-choices", "{f}: error: nodes[1].choices: a decision needs 1 to 9 choices, not 0",
     lambda s: node(s, "close").update(choices=[]))
case("error-ten-choices", "{f}: error: nodes[1].choices: a decision needs 1 to 9 choices, not 10",
     lambda s: node(s, "close").update(choices=[{"text": f"c{i}", "points": 0, "feedback": "f", "reply": "r", "next": "lost"} for i in range(10)]))
case("error-bad-slug", "{f}: error: id: \"Base Camp\" is not a valid id: use 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit",
     lambda s: s.update(id="Base Camp"))
case("error-long-slug", "{f}: error: id: \"" + "a" * 65 + "\" is not a valid id: use 1 to 64 lower-case letters, digits, '_' or '-', starting with a letter or digit",
     lambda s: s.update(id="a" * 65))
case("error-colour", "{f}: error: characters[0].color: colour \"red\" must look like \"#1f6feb\"",
     lambda s: s["characters"][0].update(color="red"))
case("error-stance", "{f}: error: characters[0].stance: stance \"friendly\" must be one of champion, ally, neutral, skeptic, blocker",
     lambda s: s["characters"][0].update(stance="friendly"))
case("error-outcome", "{f}: error: nodes[2].ending.outcome: outcome \"win\" must be \"won\", \"lost\" or \"stalled\"",
     lambda s: node(s, "won")["ending"].update(outcome="win"))
case("error-difficulty", "{f}: error: difficulty: difficulty \"hard\" must be \"intro\", \"standard\" or \"advanced\"",
     lambda s: s.update(difficulty="hard"))
case("error-minutes", "{f}: error: minutes: must be at least 1, not 0", lambda s: s.update(minutes=0))
case("error-meter-start", "{f}: error: meters[0].start: start 150 must lie between min 0 and max 100",
     lambda s: s["meters"][0].update(start=150))
case("error-no-zero-grade", "{f}: error: grades: the grades need a band with \"min_percent\": 0, so every score gets a grade",
     lambda s: s.update(grades=[{"min_percent": 50, "label": "Pass"}]))
case("error-grade-range", "{f}: error: grades[0].min_percent: must be between 0 and 100, not 101",
     lambda s: s.update(grades=[{"min_percent": 101, "label": "Pass"}, {"min_percent": 0, "label": "Fail"}]))
case("error-empty-skills", "{f}: error: skills: list at least one skill, or leave \"skills\" out for the default four",
     lambda s: s.update(skills=[]))
case("error-condition-empty", "{f}: error: nodes[1].choices[0].when: a condition needs one of \"meter\", \"flag\", \"visited\", \"not\", \"all\" or \"any\"",
     lambda s: node(s, "close")["choices"][0].update(when={}))
case("error-condition-two-forms", "{f}: error: nodes[1].choices[0].when: a condition must have exactly one of \"meter\", \"flag\", \"visited\", \"not\", \"all\" or \"any\"; split it with \"all\" or \"any\"",
     lambda s: node(s, "close")["choices"][0].update(when={"flag": "asked", "visited": "open"}))
case("error-meter-condition-bounds", "{f}: error: nodes[1].choices[0].when: a meter condition needs \"min\", \"max\" or both",
     lambda s: node(s, "close")["choices"][0].update(when={"meter": "trust"}))
case("error-meter-condition-min-max", "{f}: error: nodes[1].choices[0].when: \"min\" (60) is above \"max\" (40): the condition can never hold",
     lambda s: node(s, "close")["choices"][0].update(when={"meter": "trust", "min": 60, "max": 40}))
case("error-empty-all", "{f}: error: nodes[1].choices[0].when.all: \"all\" needs a non-empty list of conditions",
     lambda s: node(s, "close")["choices"][0].update(when={"all": []}))
case("error-reserved-narrator", "{f}: error: characters[0].id: \"narrator\" is reserved for the narrator; pick another id",
     lambda s: (s["characters"][0].update(id="narrator"), node(s, "open").update(speaker="narrator"),
                node(s, "close").update(speaker="narrator")))
case("error-portrait-absolute", "{f}: error: characters[0].portrait: portrait \"/etc/dana.bmp\" must be a path inside the scenario's folder (relative, not climbing out with \"..\")",
     lambda s: s["characters"][0].update(portrait="/etc/dana.bmp"))
case("error-portrait-escape", "{f}: error: characters[0].portrait: portrait \"img/../../dana.bmp\" must be a path inside the scenario's folder (relative, not climbing out with \"..\")",
     lambda s: s["characters"][0].update(portrait="img/../../dana.bmp"))
case("error-duplicate-node", "{f}: error: nodes[3].id: node id \"won\" is used twice (first at nodes[2])",
     lambda s: s["nodes"][3].update(id="won"))
case("error-duplicate-choice", "{f}: error: nodes[0].choices[1]: choice id \"ask\" is used twice in this node (choices without an id are numbered by position)",
     lambda s: [c.update(id="ask") for c in node(s, "open")["choices"]])
case("error-duplicate-character", "{f}: error: characters[1].id: character id \"dana\" is used twice",
     lambda s: s["characters"].append({"id": "dana", "name": "Dana Two", "role": "CFO"}))
case("error-duplicate-meter", "{f}: error: meters[1].id: meter id \"trust\" is used twice",
     lambda s: s["meters"].append({"id": "trust", "label": "Trust 2", "start": 1}))
case("error-duplicate-skill", "{f}: error: skills[1].id: skill id \"diagnose\" is used twice",
     lambda s: s.update(skills=[{"id": "diagnose", "label": "A"}, {"id": "diagnose", "label": "B"},
                                {"id": "stand_by", "label": "C"}]))
case("error-unknown-node", "{f}: error: nodes[1].choices[1].next: no node \"lsot\" (did you mean \"lost\"?)",
     lambda s: node(s, "close")["choices"][1].update(next="lsot"))
case("error-unknown-start", "{f}: error: start: no node \"opne\" (did you mean \"open\"?)",
     lambda s: s.update(start="opne"))
case("error-unknown-character", "{f}: error: nodes[0].speaker: no character \"dna\" (did you mean \"dana\"?)",
     lambda s: node(s, "open").update(speaker="dna"))
case("error-unknown-meter", "{f}: error: nodes[0].choices[0].effects.trsut: no meter \"trsut\" (did you mean \"trust\"?)",
     lambda s: node(s, "open")["choices"][0].update(effects={"trsut": 5}))
case("error-unknown-skill", "{f}: error: nodes[0].skill: no skill \"diagnosis\" (did you mean \"diagnose\"?)",
     lambda s: node(s, "open").update(skill="diagnosis"))
case("error-unknown-visited", "{f}: error: nodes[1].choices[0].when.visited: no node \"opening\"",
     lambda s: node(s, "close")["choices"][0].update(when={"visited": "opening"}))
case("error-node-no-kind", "{f}: error: nodes[2]: a node needs one of \"choices\", \"next\", \"route\" or \"ending\" to say what happens after it",
     lambda s: s["nodes"][2].pop("ending"))
case("error-node-two-kinds", "{f}: error: nodes[2]: a node must have only one of \"choices\", \"next\", \"route\" or \"ending\"",
     lambda s: s["nodes"][2].update(next="lost"))
case("error-route-last-conditional", "{f}: error: nodes[4].route[1]: the last route entry must have no \"when\" and no \"chance\", so the route always has somewhere to go",
     lambda s: (s["nodes"].append({"id": "r", "route": [{"chance": 0.5, "next": "won"}, {"when": {"flag": "asked"}, "next": "lost"}]}),
                node(s, "open")["choices"][1].update(next="r")))
case("error-all-conditional", "{f}: error: nodes[1].choices: every choice here has \"when\" or \"once\", so the player could be left with nothing to choose; keep one plain way forward",
     lambda s: node(s, "close")["choices"][1].update(once=True))
case("error-no-ending", "{f}: error: start: no ending can be reached from the start node \"open\"",
     lambda s: (node(s, "open").update(choices=[{"text": "x", "next": "a"}]), node(s, "open").pop("skill"),
                s["nodes"].extend([{"id": "a", "choices": [{"text": "y", "next": "open"}]}])))
case("error-trap", "{f}: error: nodes[4]: node \"pit\" is a trap: once there, no ending can ever be reached",
     lambda s: (s["nodes"].append({"id": "pit", "choices": [{"text": "again", "next": "pit"}]}),
                node(s, "open")["choices"][1].update(next="pit")))
case("error-passive-loop", "{f}: error: nodes[4]: a loop with no decision in it would never stop: a -> b -> a",
     lambda s: (s["nodes"].extend([{"id": "a", "text": "...", "next": "b"},
                                   {"id": "b", "route": [{"chance": 0.5, "next": "won"}, {"next": "a"}]}]),
                node(s, "open")["choices"][1].update(next="a")))
# --- warnings
case("warn-unknown-field", "{f}: warning: nodes[3].nxt: unknown field \"nxt\" is ignored (did you mean \"next\"?)",
     lambda s: s["nodes"][3].update(nxt="won"))
case("warn-unreachable", "{f}: warning: nodes[4]: node \"orphan\" can never be reached from the start",
     lambda s: s["nodes"].append({"id": "orphan", "text": "No way here.", "next": "won"}))
case("warn-flag-never-set", "{f}: warning: nodes[1].choices[0].when.flag: flag \"asekd\" is tested but no choice ever sets it, so this test never holds",
     lambda s: node(s, "close")["choices"][0].update(when={"flag": "asekd"}))
case("warn-points-unscored", "{f}: warning: nodes[1].choices[0].points: points here count for nothing: the node has no \"skill\"",
     lambda s: node(s, "close").pop("skill"))
case("warn-no-feedback", "{f}: warning: nodes[0].choices[1]: a scored choice without \"feedback\": the coach has nothing to say about it",
     lambda s: node(s, "open")["choices"][1].pop("feedback"))
case("warn-skill-unused", "{f}: warning: nodes[2].skill: \"skill\" only scores nodes with choices; it does nothing here",
     lambda s: s["nodes"][2].update(skill="diagnose"))

# --- added by QA: edges of the rules above, and reproducers for FINDINGS.md
case("error-missing-choice-text", "{f}: error: nodes[0].choices[1]: missing required field \"text\" (what the player says or does)",
     lambda s: node(s, "open")["choices"][1].pop("text"))
case("error-empty-title", "{f}: error: title: must not be empty (shown in the scenario picker)",
     lambda s: s.update(title=""))
case("error-points-range-low", "{f}: error: nodes[0].choices[1].points: must be between -10 and 10, not -11",
     lambda s: node(s, "open")["choices"][1].update(points=-11))
case("error-chance-zero", "{f}: error: nodes[4].route[0].chance: chance must be above 0 and at most 1, not 0",
     lambda s: (s["nodes"].append({"id": "r", "route": [{"chance": 0, "next": "won"}, {"next": "lost"}]}),
                node(s, "open")["choices"][1].update(next="r")))
case("error-route-empty", "{f}: error: nodes[4].route: a route needs at least one entry",
     lambda s: (s["nodes"].append({"id": "r", "route": []}), node(s, "open")["choices"][1].update(next="r")))
case("error-bad-flag-name", "{f}: error: nodes[0].choices[0].set[0]: \"Asked\" is not a valid flag name: use lower-case letters, digits, '_' or '-'",
     lambda s: node(s, "open")["choices"][0].update(set=["Asked"]))
case("error-no-characters", "{f}: error: characters: list at least one character",
     lambda s: (s.update(characters=[]), node(s, "open").pop("speaker"), node(s, "close").pop("speaker")))
case("error-condition-not-object", "{f}: error: nodes[1].choices[0].when: a condition must be an object such as {{\"flag\": \"asked\"}}, not a string",
     lambda s: node(s, "close")["choices"][0].update(when="trust > 40"))
case("warn-unknown-field-mood", "{f}: warning: nodes[0].mod: unknown field \"mod\" is ignored (did you mean \"mood\"?)",
     lambda s: node(s, "open").update(mod="frustrated"))
# F3: a backslash before a non-ASCII character is a JSON syntax error, not bad UTF-8
case("error-json-bad-escape", "{f}:2:16: error: invalid JSON at '\\\u00e9\"' (a missing comma, quote or bracket nearby?)",
     raw='{\n  "title": "caf\\\u00e9"\n}\n'.encode())
# F4: min above max is named as such, whatever the start
case("error-meter-min-above-max", "{f}: error: meters[0]: min 60 is above max 40",
     lambda s: s["meters"][0].update(min=60, max=40, start=50))

# --- conversations that answer: replies, variants, moods, portraits
case("error-variant-no-when", "{f}: error: nodes[0].variants[0]: a variant needs \"when\": the situation in which this wording replaces the usual one",
     lambda s: node(s, "open").update(variants=[{"text": "Back so soon?"}]))
case("error-ending-variant-no-when", "{f}: error: nodes[2].ending.variants[0]: a variant needs \"when\": the situation in which this wording replaces the usual one",
     lambda s: node(s, "won")["ending"].update(variants=[{"title": "Quick pilot", "text": "Signed early."}]))
case("warn-unknown-mood", "{f}: warning: nodes[0].mood: mood \"worreid\" is not one the game can draw (did you mean \"worried\"?); the moods are " + ", ".join(MOODS),
     lambda s: node(s, "open").update(mood="worreid"))
case("warn-unknown-mood-reply", "{f}: warning: nodes[0].choices[1].reply.mood: mood \"bored\" is not one the game can draw; the moods are " + ", ".join(MOODS),
     lambda s: node(s, "open")["choices"][1].update(reply={"text": "Maybe later.", "mood": "bored"}))
case("warn-no-reply", "{f}: warning: nodes[0].choices[1]: a scored choice without \"reply\": the buyer says nothing back to it",
     lambda s: node(s, "open")["choices"][1].pop("reply"))
# faces/ holds a real image, a text file named .png, and a link that leads out of tests/bad
case("error-portrait-symlink", "{f}: error: characters[0].portrait: portrait \"faces/outside.png\" leads out of the scenario's folder through a symbolic link",
     lambda s: s["characters"][0].update(portrait="faces/outside.png"))
case("warn-portrait-missing", "{f}: warning: characters[0].portrait: portrait \"faces/nobody.png\" cannot be opened (No such file or directory), so the face is drawn instead",
     lambda s: s["characters"][0].update(portrait="faces/nobody.png"))
case("warn-portrait-unreadable", "{f}: warning: characters[0].portraits.worried: portrait \"faces/not-an-image.png\" is not a PNG, JPEG or BMP image, so the face is drawn instead",
     lambda s: s["characters"][0].update(portrait="faces/dana.png", portraits={"worried": "faces/not-an-image.png"}))


# The rule code `validate --json` reports for each case (docs/validation.md).
RULES = {
    "error-all-conditional": "all-conditional",
    "error-bad-flag-name": "bad-id",
    "error-bad-slug": "bad-id",
    "error-chance-range": "out-of-range",
    "error-chance-zero": "out-of-range",
    "error-colour": "out-of-range",
    "error-condition-empty": "bad-condition",
    "error-condition-not-object": "wrong-type",
    "error-condition-two-forms": "bad-condition",
    "error-difficulty": "out-of-range",
    "error-duplicate-character": "duplicate-id",
    "error-duplicate-choice": "duplicate-id",
    "error-duplicate-key": "duplicate-key",
    "error-duplicate-meter": "duplicate-id",
    "error-duplicate-node": "duplicate-id",
    "error-duplicate-skill": "duplicate-id",
    "error-empty-all": "out-of-range",
    "error-empty-file": "empty-file",
    "error-empty-skills": "out-of-range",
    "error-empty-title": "out-of-range",
    "error-format-version": "bad-format",
    "error-fraction": "wrong-type",
    "error-grade-range": "out-of-range",
    "error-json-bad-escape": "json-syntax",
    "error-json-syntax": "json-syntax",
    "error-json-truncated": "json-syntax",
    "error-long-slug": "bad-id",
    "error-meter-condition-bounds": "bad-condition",
    "error-meter-condition-min-max": "out-of-range",
    "error-meter-min-above-max": "out-of-range",
    "error-meter-start": "out-of-range",
    "error-minutes": "out-of-range",
    "error-missing-choice-text": "missing-field",
    "error-missing-title": "missing-field",
    "error-no-characters": "out-of-range",
    "error-no-choices": "out-of-range",
    "error-no-ending": "no-ending",
    "error-no-zero-grade": "no-zero-grade",
    "error-node-no-kind": "node-kind",
    "error-node-two-kinds": "node-kind",
    "error-not-object": "not-object",
    "error-not-utf8": "not-utf8",
    "error-nul-escape": "nul-escape",
    "error-outcome": "out-of-range",
    "error-passive-loop": "passive-loop",
    "error-points-range-low": "out-of-range",
    "error-points-range": "out-of-range",
    "error-portrait-absolute": "portrait-path",
    "error-portrait-escape": "portrait-path",
    "error-reserved-narrator": "reserved-id",
    "error-route-empty": "out-of-range",
    "error-route-last-conditional": "route-last-conditional",
    "error-stance": "out-of-range",
    "error-ten-choices": "out-of-range",
    "error-too-deep": "too-deep",
    "error-trailing-garbage": "json-syntax",
    "error-trap": "trap",
    "error-unknown-character": "unknown-ref",
    "error-unknown-meter": "unknown-ref",
    "error-unknown-node": "unknown-ref",
    "error-unknown-skill": "unknown-ref",
    "error-unknown-start": "unknown-ref",
    "error-unknown-visited": "unknown-ref",
    "error-wrong-type": "wrong-type",
    "error-variant-no-when": "variant-no-when",
    "error-ending-variant-no-when": "variant-no-when",
    "error-portrait-symlink": "portrait-path",
    "warn-unknown-mood": "unknown-mood",
    "warn-unknown-mood-reply": "unknown-mood",
    "warn-no-reply": "no-reply",
    "warn-portrait-missing": "portrait-missing",
    "warn-portrait-unreadable": "portrait-unreadable",
    "warn-flag-never-set": "flag-never-set",
    "warn-no-feedback": "no-feedback",
    "warn-points-unscored": "points-unscored",
    "warn-skill-unused": "skill-unused",
    "warn-unknown-field-mood": "unknown-field",
    "warn-unknown-field": "unknown-field",
    "warn-unreachable": "unreachable",
}


def main():
    here = "tests/bad"
    for name, expect, edit, raw in CASES:
        path = f"{here}/{name}.json"
        if raw is None:
            sc = copy.deepcopy(BASE)
            edit(sc)
            raw = (json.dumps(sc, indent=1, ensure_ascii=False) + "\n").encode()
        with open(path, "wb") as f:
            f.write(raw)
        with open(f"{here}/{name}.expect", "w") as f:
            f.write(expect.format(f=path) + "\n")
            if name in RULES:
                f.write(f"rule: {RULES[name]}\n")
    print(f"wrote {len(CASES)} cases")


if __name__ == "__main__":
    main()
