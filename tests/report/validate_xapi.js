#!/usr/bin/env node
// Validate `compel xapi` output: every statement through Learning Locker's
// xAPI 1.0.3 validator (@learninglocker/xapi-validation), then the rules the
// library does not know: unique statement ids, one registration per
// playthrough shared by all its statements, the statement order, scores in
// range, a response among the choices, cmi5's "no score on completed".
// usage: node validate_xapi.js STATEMENTS.json [--pass-percent N]
// Prints each problem, then "xapi: N statements valid, M invalid" and exits 1 on any.
'use strict';
const fs = require('fs');
const path = require('path');
const validate = require(path.join(__dirname, 'node_modules/@learninglocker/xapi-validation')).default;

const file = process.argv[2];
const passIdx = process.argv.indexOf('--pass-percent');
const pass = passIdx > 0 ? Number(process.argv[passIdx + 1]) : 70;
const statements = JSON.parse(fs.readFileSync(file, 'utf8'));
if (!Array.isArray(statements)) {
  console.log('xapi: the output is not a JSON array');
  console.log('xapi: 0 statements valid, 1 invalid');
  process.exit(1);
}

const VERB = 'http://adlnet.gov/expapi/verbs/';
const problems = new Map();  // index -> [messages]
function bad(i, msg) {
  if (!problems.has(i)) problems.set(i, []);
  problems.get(i).push(msg);
}

// 1. the library, statement by statement
statements.forEach((st, i) => {
  for (const w of validate(st)) bad(i, `validator: ${w.message || JSON.stringify(w)} at ${(w.path || []).join('.')}`);
});

// 2. what the library does not check
const ids = new Set();
const byRegistration = new Map();
statements.forEach((st, i) => {
  if (ids.has(st.id)) bad(i, `statement id ${st.id} used twice`);
  ids.add(st.id);
  const reg = st.context && st.context.registration;
  if (!reg) bad(i, 'no context.registration');
  if (!byRegistration.has(reg)) byRegistration.set(reg, []);
  byRegistration.get(reg).push(i);
  const verb = st.verb.id.replace(VERB, '');
  const res = st.result || {};
  if (verb === 'completed' && res.score) bad(i, 'completed carries a score (cmi5 forbids it)');
  if (verb === 'answered') {
    const def = st.object.definition;
    if (def.type !== 'http://adlnet.gov/expapi/activities/cmi.interaction') bad(i, 'answered: not a cmi.interaction');
    if (def.interactionType !== 'choice') bad(i, 'answered: interactionType is not choice');
    const choiceIds = (def.choices || []).map(c => c.id);
    if (new Set(choiceIds).size !== choiceIds.length) bad(i, 'answered: duplicate choice ids');
    if (!choiceIds.includes(res.response)) bad(i, `answered: response ${res.response} is not among the choices`);
    for (const p of def.correctResponsesPattern || [])
      if (!choiceIds.includes(p)) bad(i, `answered: correct response ${p} is not among the choices`);
    if (res.score) {
      const s = res.score;
      if (!(s.min <= s.raw && s.raw <= s.max)) bad(i, 'answered: raw score outside min..max');
      const correct = (def.correctResponsesPattern || []).includes(res.response);
      if (res.success !== correct) bad(i, 'answered: success disagrees with correctResponsesPattern');
    }
  }
  if (verb === 'passed' || verb === 'failed') {
    const s = res.score;
    if (!s || typeof s.scaled !== 'number') bad(i, `${verb}: no scaled score`);
    else {
      if (Math.abs(s.scaled * 100 - s.raw) > 1e-9) bad(i, `${verb}: scaled ${s.scaled} is not raw/100`);
      if ((s.raw >= pass) !== (verb === 'passed')) bad(i, `${verb}: score ${s.raw} against the ${pass}% threshold`);
      if (res.success !== (verb === 'passed')) bad(i, `${verb}: success is ${res.success}`);
    }
    if (!/^P/.test(res.duration || '')) bad(i, `${verb}: no duration`);
  }
});

// 3. each playthrough: attempted, answered..., then completed + passed|failed
for (const [reg, idx] of byRegistration) {
  const verbs = idx.map(i => statements[i].verb.id.replace(VERB, ''));
  const ok = verbs[0] === 'attempted' &&
    verbs.slice(1, -2).every(v => v === 'answered') &&
    ((verbs.at(-2) === 'completed' && ['passed', 'failed'].includes(verbs.at(-1))) ||
     verbs.slice(1).every(v => v === 'answered'));
  if (!ok) bad(idx[0], `registration ${reg}: statements in the order ${verbs.join(',')}`);
  const actors = new Set(idx.map(i => JSON.stringify(statements[i].actor.account)));
  if (actors.size !== 1) bad(idx[0], `registration ${reg}: more than one actor`);
}

for (const [i, msgs] of problems) for (const m of msgs) console.log(`statement ${i} (${statements[i] && statements[i].id}): ${m}`);
const invalid = problems.size;
console.log(`xapi: ${statements.length - invalid} statements valid, ${invalid} invalid ` +
            `(${byRegistration.size} playthroughs)`);
process.exit(invalid ? 1 : 0);
