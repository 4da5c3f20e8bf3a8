import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

// A stand-in for restic's rest-server on 127.0.0.1: restic's REST backend
// protocol (v1 and v2) over a folder laid out as rest-server and the local
// backend lay it out, with HTTP basic auth, and `--append-only` as
// rest-server does it: new files only, and no deletion but of locks (403).

const TYPES = new Set(['data', 'keys', 'locks', 'snapshots', 'index']);
const V2 = 'application/vnd.x.restic.rest.v2';

export interface StandInRestServer {
  url: string;
  /** DELETE requests refused so far (append-only). */
  refusedDeletes: number;
  close(): Promise<void>;
}

function fileFor(root: string, type: string, name: string): string {
  return type === 'data' ? path.join(root, 'data', name.slice(0, 2), name) : path.join(root, type, name);
}

function list(root: string, type: string): Array<{ name: string; size: number }> {
  const dir = path.join(root, type);
  if (!fs.existsSync(dir)) return [];
  const files = type === 'data' ? fs.readdirSync(dir).flatMap((sub) => fs.readdirSync(path.join(dir, sub)).map((name) => path.join(dir, sub, name))) : fs.readdirSync(dir).map((name) => path.join(dir, name));
  return files.map((file) => ({ name: path.basename(file), size: fs.statSync(file).size }));
}

export async function startStandInRestServer(root: string, options: { appendOnly: boolean; user: string; password: string }): Promise<StandInRestServer> {
  const expectedAuth = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const state = { refusedDeletes: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: string | Buffer = '', headers: Record<string, string | number> = {}) => {
        res.writeHead(status, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (req.headers.authorization !== expectedAuth) return send(401, 'unauthorized');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const parts = url.pathname.split('/').filter(Boolean);
      const method = req.method ?? 'GET';
      if (parts.length === 0 && method === 'POST' && url.searchParams.get('create') === 'true') {
        if (fs.existsSync(path.join(root, 'config'))) return send(403, 'repository exists');
        for (const type of TYPES) fs.mkdirSync(path.join(root, type), { recursive: true });
        for (let i = 0; i < 256; i++) fs.mkdirSync(path.join(root, 'data', i.toString(16).padStart(2, '0')), { recursive: true });
        return send(200);
      }
      let file: string;
      let type: string;
      if (parts.length === 1 && parts[0] === 'config') {
        type = 'config';
        file = path.join(root, 'config');
      } else if (parts.length === 1 && TYPES.has(parts[0]!) && method === 'GET') {
        const entries = list(root, parts[0]!);
        if ((req.headers.accept ?? '').includes(V2)) return send(200, JSON.stringify(entries), { 'Content-Type': V2 });
        return send(200, JSON.stringify(entries.map((e) => e.name)), { 'Content-Type': 'application/vnd.x.restic.rest.v1' });
      } else if (parts.length === 2 && TYPES.has(parts[0]!) && /^[0-9a-f]{64}$/.test(parts[1]!)) {
        type = parts[0]!;
        file = fileFor(root, type, parts[1]!);
      } else {
        return send(404, 'not found');
      }
      const exists = fs.existsSync(file);
      switch (method) {
        case 'HEAD':
        case 'GET': {
          if (!exists) return send(404, 'not found');
          const data = fs.readFileSync(file);
          const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
          if (range) {
            const start = Number(range[1]);
            const end = range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
            const body = data.subarray(start, end + 1);
            return send(206, body, { 'Content-Length': body.length, 'Content-Range': `bytes ${start}-${end}/${data.length}` });
          }
          return send(200, data, { 'Content-Length': data.length });
        }
        case 'POST':
          // rest-server --append-only: existing files are never overwritten.
          if (exists && options.appendOnly) return send(403, 'append-only');
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, Buffer.concat(chunks));
          return send(200);
        case 'DELETE':
          if (options.appendOnly && type !== 'locks') {
            state.refusedDeletes++;
            return send(403, 'append-only');
          }
          if (!exists) return send(404, 'not found');
          fs.rmSync(file);
          return send(200);
        default:
          return send(405, 'method not allowed');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get refusedDeletes() {
      return state.refusedDeletes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
