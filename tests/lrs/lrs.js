// A real learning record store for the tests, all on 127.0.0.1: Learning
// Locker's statement service (npm xapi-statements, in-memory storage), the
// client-info endpoint it asks to check Basic credentials (one key and
// secret), and in front of it a small proxy that can misbehave on request,
// so the tests can make the LRS slow, fail, or die in the middle of a batch.
//
//   node tests/lrs/lrs.js PORTFILE
// writes "PROXY_PORT LRS_PORT CONTROL_PORT" to PORTFILE when ready.
// The client talks to http://127.0.0.1:PROXY_PORT/xapi. The control port
// takes POST /fault?mode=M&count=N: the next N statement POSTs get
//   500      an HTTP 500 without reaching the LRS
//   slow     no answer for 3 s (longer than the client's test timeout)
//   cut      the request reaches the LRS, which stores it, but the
//            connection is cut before the answer (the LRS "dies" mid-batch)
//   hang     the request reaches the LRS and the answer is held forever
//            (the test kills the client meanwhile)
// and GET /count tells how many statement POSTs went through.
'use strict';
const http = require('http');
const net = require('net');
const fs = require('fs');

const KEY = 'compel-test-key', SECRET = 'compel-test-secret';
const EXPECTED = 'Basic ' + Buffer.from(KEY + ':' + SECRET).toString('base64');

// Everything listens on the loopback interface only, whatever the library asks.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = Number(args[0]);
    const cb = args.find((a) => typeof a === 'function');
    return listen.call(this, port, '127.0.0.1', cb);
  }
  return listen.apply(this, args);
};

function start(server) {
  return new Promise((resolve) => server.listen(0, () => resolve(server.address().port)));
}

const clientInfo = http.createServer((req, res) => {
  if (req.headers.authorization !== EXPECTED) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"no such client"}');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({
    _id: '5f0c0000000000000000c0de',
    title: 'Compel tests',
    authority: { objectType: 'Agent', name: 'Compel tests', mbox: 'mailto:tests@compel.invalid' },
    isTrusted: true,
    lrs_id: '5f0c00000000000000001e55',
    organisation: '5f0c0000000000000000000a',
    scopes: ['all'],
  }));
});

let fault = { mode: '', count: 0 };
let posts = 0;

function proxyTo(lrsPort) {
  return http.createServer((req, res) => {
    const isPost = req.method === 'POST' && req.url.split('?')[0].endsWith('/statements');
    const mode = isPost && fault.count > 0 ? fault.mode : '';
    if (mode) fault.count--;
    if (isPost) posts++;
    if (mode === '500') {
      req.resume();
      req.on('end', () => { res.writeHead(500); res.end('{"message":"test: server error"}'); });
      return;
    }
    if (mode === 'slow') {
      req.resume();
      setTimeout(() => { res.writeHead(503); res.end(); }, 3000);
      return;
    }
    const up = http.request({ host: '127.0.0.1', port: lrsPort, method: req.method, path: req.url,
      headers: req.headers }, (ur) => {
      if (mode === 'cut') {   // stored by the LRS, but the answer never arrives
        ur.resume();
        ur.on('end', () => req.socket.destroy());
        return;
      }
      if (mode === 'hang') { ur.resume(); return; }
      res.writeHead(ur.statusCode, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  });
}

const control = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  if (u.pathname === '/fault') {
    fault = { mode: u.searchParams.get('mode') || '', count: Number(u.searchParams.get('count') || 1) };
    res.end('ok\n');
  } else if (u.pathname === '/count') {
    res.end(String(posts) + '\n');
  } else {
    res.writeHead(404);
    res.end();
  }
});

(async () => {
  const infoPort = await start(clientInfo);
  const lrsPort = await new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, () => { const p = probe.address().port; probe.close(() => resolve(p)); });
  });
  Object.assign(process.env, {
    MODELS_REPO: 'memory', STORAGE_REPO: 'memory', EVENTS_REPO: 'test', AUTH_REPO: 'fetch',
    LL_CLIENT_INFO_ENDPOINT: 'http://127.0.0.1:' + infoPort + '/',
    EXPRESS_PORT: String(lrsPort), EXPRESS_BODY_PARSER_LIMIT: '50mb',
    WINSTON_CONSOLE_LEVEL: 'error', EXPRESS_MORGAN_DIRECTORY: process.env.LRS_LOG_DIR || '/tmp',
  });
  require('xapi-statements/dist/server');
  // wait until the LRS answers
  for (;;) {
    const ok = await new Promise((resolve) => {
      http.get({ host: '127.0.0.1', port: lrsPort, path: '/xAPI/about' }, (r) => { r.resume(); resolve(r.statusCode === 200); })
        .on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const proxyPort = await start(proxyTo(lrsPort));
  const controlPort = await start(control);
  fs.writeFileSync(process.argv[2] + '.tmp', proxyPort + ' ' + lrsPort + ' ' + controlPort + '\n');
  fs.renameSync(process.argv[2] + '.tmp', process.argv[2]);
})();
