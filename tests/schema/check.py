#!/usr/bin/env python3
"""Check scenarios/schema.json against the shipped scenarios and the validator.

(a) Every shipped scenarios/*.json (except the schema itself) must be valid
    under the schema (Draft 7) and pass `compel validate --strict`. The one
    allowance: a scenario named in NOT_YET_REWRITTEN may have scored choices
    without a "reply" (the schema's required "reply" and the validator's
    no-reply warning); nothing else, and no other scenario.
(b) For every broken file tests/bad/NAME.json with its NAME.expect (line 1:
    the expected `compel validate` message, line 2: "rule: CODE"), the schema
    and `compel validate --strict` must agree:
      - structural rules: both refuse the file;
      - rules the schema cannot express (ids that must exist, duplicates,
        reachability, traps, loops, "every choice conditional", comparisons
        between two values, ...): compel refuses and the schema ACCEPTS the
        file, which proves the schema is not stricter than the validator;
      - byte-level rules (the JSON text itself): compel refuses; where Python
        cannot read the file either, that counts as agreement.
Run from the repository root:  python3 tests/schema/check.py
Prints one line per check, then "N passed, N failed"; exits 1 on failure.
COMPEL=path overrides ./compel.
"""
import glob
import json
import os
import subprocess
import sys

import jsonschema

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(ROOT)
COMPEL = os.environ.get("COMPEL", "./compel")

# Graph and reference rules: the schema cannot see them (it checks each value
# alone, never one value against another or against the whole graph).
GRAPH_RULES = {
    "unknown-ref",            # a node, character, meter, skill or start id that does not exist
    "duplicate-id",           # two nodes / choices / characters / meters / skills share an id
    "all-conditional",        # every choice has when or once
    "route-last-conditional", # JSON Schema has no "last item of a list of any length"
    "no-ending",              # no ending reachable from start
    "trap",                   # a reachable node that cannot reach an ending
    "passive-loop",           # a loop of next/route nodes only
    "unreachable",            # a node never reached from start
    "flag-never-set",         # a flag tested but set nowhere
}
# Byte-level rules about the JSON text, below what a schema sees.
PARSER_RULES = {"json-syntax", "not-utf8", "duplicate-key", "too-deep", "nul-escape", "empty-file"}
# Cases whose rule code is structural but whose defect compares two values,
# which draft-07 cannot express.
SCHEMA_BLIND_CASES = {
    "error-meter-min-above-max",       # meter min > max
    "error-meter-start-range",         # start outside [min, max] (either may be defaulted)
    "error-meter-start",               # start 150 above the default max 100
    "error-condition-min-above-max",   # condition min > max
    "error-meter-condition-min-max",   # the same, from the older corpus
    "error-portrait-escape",           # ".." climbing above the folder needs path counting
}
# Facts about the files next to the scenario (a portrait image missing, not an
# image, or a link out of the folder): the schema sees only the path text.
FILESYSTEM_CASES = {
    "error-portrait-symlink",
    "warn-portrait-missing",
    "warn-portrait-unreadable",
}
# Every other rule code is structural and the schema must refuse it too.

# Shipped scenarios written before choices had replies. Take a name out of
# this list when its scenario gives every scored choice a "reply"; the list
# only ever shrinks.
NOT_YET_REWRITTEN = set()

passed = 0
failed = 0


def ok(name):
    global passed
    passed += 1
    print("ok", name)


def bad(name, why):
    global failed
    failed += 1
    print("FAIL %s: %s" % (name, why))


def rule_of(expect_path):
    """The rule code from line 2 of an .expect file, or one inferred from line 1."""
    with open(expect_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if len(lines) > 1 and lines[1].startswith("rule: "):
        return lines[1][len("rule: "):].strip()
    first = lines[0] if lines else ""
    if "the file is empty" in first:
        return "empty-file"
    return "out-of-range"  # the older files without a rule line are range errors


with open("scenarios/schema.json", encoding="utf-8") as f:
    schema = json.load(f)
try:
    jsonschema.Draft7Validator.check_schema(schema)
    ok("schema is a valid draft-07 schema")
except jsonschema.SchemaError as e:
    bad("schema", "not a valid draft-07 schema: %s" % e.message)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1)
validator = jsonschema.Draft7Validator(schema)


def schema_errors(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def where(e):
    return "/".join(str(p) for p in e.absolute_path) or "(top)"


def strict_findings(path):
    """Every finding of `compel validate --json` as "PATH RULE" lines
    (--strict would turn each warning into an error)."""
    if not os.access(COMPEL, os.X_OK):
        return ["no compel program at %s (run make)" % COMPEL]
    r = subprocess.run([COMPEL, "validate", "--json", path], capture_output=True, text=True)
    try:
        doc = json.loads(r.stdout)
        return ["%s %s" % (g["path"], g["rule"]) for f in doc["files"] for g in f["findings"]]
    except (ValueError, KeyError) as e:
        return ["unreadable validate --json output: %s" % e]


# (a) shipped scenarios
shipped = sorted(p for p in glob.glob("scenarios/*.json") if not p.endswith("schema.json"))
if not shipped:
    bad("scenarios", "no scenario files found")
for path in shipped:
    name = "scenario " + os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        bad(name, "not readable JSON: %s" % e)
        continue
    waiting = os.path.basename(path) in NOT_YET_REWRITTEN
    errs = [e for e in schema_errors(doc)
            if not (waiting and e.validator == "required" and e.message == "'reply' is a required property")]
    findings = strict_findings(path)
    if waiting:
        findings = [f for f in findings if not f.endswith(" no-reply")]
    if errs:
        bad(name, "; ".join("%s: %s" % (where(e), e.message[:120]) for e in errs[:3]))
    elif doc.get("$schema") != "schema.json":
        bad(name, '"$schema" should be "schema.json"')
    elif findings:
        bad(name, "compel validate --strict: " + "; ".join(findings[:3]))
    else:
        ok(name)

# (b) the broken-file corpus
have_compel = os.access(COMPEL, os.X_OK)
cases = sorted(glob.glob("tests/bad/*.json"))
if cases and not have_compel:
    bad("corpus", "no compel program at %s (run make)" % COMPEL)
for path in cases if have_compel else []:
    case = os.path.basename(path)[:-5]
    expect = path[:-5] + ".expect"
    if not os.path.exists(expect):
        bad(case, "no .expect file")
        continue
    rule = rule_of(expect)
    r = subprocess.run([COMPEL, "validate", "--strict", path], capture_output=True, text=True)
    compel_refuses = r.returncode == 1
    if not compel_refuses:
        bad(case, "compel validate --strict exited %d, expected 1" % r.returncode)
        continue
    try:
        with open(path, "rb") as f:
            raw = f.read()
        doc = json.loads(raw.decode("utf-8"))
        readable = True
    except (ValueError, UnicodeDecodeError):
        readable = False
    if rule in PARSER_RULES:
        # The schema sees only parsed JSON; nothing to compare beyond compel refusing.
        ok("%s (%s: JSON text rule, compel refuses%s)" % (case, rule, "" if readable else ", Python cannot read it either"))
        continue
    if not readable:
        bad(case, "rule %s but Python cannot parse the file" % rule)
        continue
    errs = schema_errors(doc)
    if rule in GRAPH_RULES or case in SCHEMA_BLIND_CASES or case in FILESYSTEM_CASES:
        if errs:
            bad(case, "rule %s is beyond the schema, but the schema refuses: %s: %s"
                % (rule, where(errs[0]), errs[0].message[:120]))
        else:
            ok("%s (%s: compel refuses, schema cannot see it and accepts)" % (case, rule))
    else:
        if errs:
            ok("%s (%s: both refuse; schema at %s)" % (case, rule, where(errs[0])))
        else:
            bad(case, "structural rule %s: compel refuses but the schema accepts" % rule)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
