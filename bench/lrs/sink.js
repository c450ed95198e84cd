// A statement sink for the LRS bench: answers every POST /statements at once
// with the ids, as an LRS does, and counts the statements it received, so
// the bench times compel's side (building, batching, HTTP) without the LRS's
// own storage. Listens on 127.0.0.1 only; writes its port to argv[2].
//   node bench/lrs/sink.js PORTFILE      GET /count tells the total so far
'use strict';
const http = require('http');
const fs = require('fs');
let count = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.end(String(count) + '\n');
    return;
  }
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    let ids = [];
    try {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      ids = (Array.isArray(body) ? body : [body]).map((s) => s.id);
    } catch (e) {
      res.writeHead(400);
      res.end('{"message":"not JSON"}');
      return;
    }
    count += ids.length;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(ids));
  });
});
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(process.argv[2] + '.tmp', String(server.address().port) + '\n');
  fs.renameSync(process.argv[2] + '.tmp', process.argv[2]);
});
