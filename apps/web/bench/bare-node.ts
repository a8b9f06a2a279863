// `node:http` and the session lookup, nothing else: the limit of this machine for me.get.
import http from 'node:http';
import { createLookup } from './bare-next/lookup';

const lookup = createLookup(process.env.BARE_DATABASE ?? '');
http
  .createServer((req, res) => {
    const body = lookup(req.headers.cookie);
    res.writeHead(body ? 200 : 401, { 'content-type': 'application/json' });
    res.end(body ?? '{}');
  })
  .listen(Number(process.env.BARE_PORT ?? 3402), '127.0.0.1');
