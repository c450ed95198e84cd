// A stub LMS for the cmi5 tests, on 127.0.0.1: the fetch URL (one auth
// token per launch, refused the second time), the State API's
// LMS.LaunchData (a context template with a session id, mastery score 0.8)
// and the statements resource, all checking the token. GET /dump returns
// the statements received, in order.
//   node tests/lrs/lms.js PORTFILE
'use strict';
const http = require('http');
const fs = require('fs');
const TOKEN = Buffer.from('lms-key:lms-secret').toString('base64');
const fetched = new Set();
const statements = [];
const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  const send = (code, obj) => { res.writeHead(code, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(obj)); };
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    if (u.pathname === '/dump') return send(200, statements);
    if (u.pathname === '/fetch') {
      const launch = u.searchParams.get('launch');
      if (req.method !== 'POST') return send(405, { error: 'POST only' });
      if (fetched.has(launch)) return send(200, { 'error-code': '1', 'error-text': 'already fetched' });
      fetched.add(launch);
      return send(200, { 'auth-token': TOKEN });
    }
    if (req.headers.authorization !== 'Basic ' + TOKEN) return send(401, { message: 'bad token' });
    if (req.headers['x-experience-api-version'] !== '1.0.3') return send(400, { message: 'no version header' });
    if (u.pathname === '/xapi/activities/state' && req.method === 'GET') {
      if (u.searchParams.get('stateId') !== 'LMS.LaunchData' || !u.searchParams.get('registration'))
        return send(404, {});
      return send(200, {
        contextTemplate: {
          contextActivities: { grouping: [{ id: 'https://lms.example.com/courses/sales-101' }] },
          extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-' + u.searchParams.get('registration') },
        },
        launchMode: 'Normal',
        masteryScore: 0.8,
        moveOn: 'CompletedAndPassed',
      });
    }
    if (u.pathname === '/xapi/statements' && req.method === 'POST') {
      let body;
      try { body = JSON.parse(Buffer.concat(parts).toString('utf8')); } catch (e) { return send(400, { message: 'not JSON' }); }
      const list = Array.isArray(body) ? body : [body];
      list.forEach((s) => statements.push(s));
      return send(200, list.map((s) => s.id));
    }
    return send(404, { message: 'no such resource' });
  });
});
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(process.argv[2] + '.tmp', String(server.address().port) + '\n');
  fs.renameSync(process.argv[2] + '.tmp', process.argv[2]);
});
