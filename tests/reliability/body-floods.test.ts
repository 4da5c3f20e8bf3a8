import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser } from '../helpers/live-server.js';
import { BIN } from '../helpers/cli.js';
import { noisy } from '../fixtures/make-images.js';
import { BODY_LIMITS } from '../../src/http/body-limit.js';

// Anyone on the home network can post to a family's pages. Forty large bodies
// at once must not take the real server (a child process, started the way
// systemd starts it on the Pi) anywhere near the unit's 400 MB memory cap,
// and every request must get an answer. Figures: docs/reliability.md.
//   npm run build --silent && npx vitest run tests/reliability/body-floods.test.ts
const FLOOD = 40;
const BODY_BYTES = 8_000_000;
const PASSWORD = 'floods of bodies 2026';
let child: ChildProcess;
let url: string;
let admin: ReturnType<typeof browser>;

beforeAll(async () => {
  const dataDir = makeDataDir();
  // The systemd unit's memory settings (systemd/dinkydash.service).
  child = spawn(process.execPath, [BIN, '--data', dataDir, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, MALLOC_ARENA_MAX: '2', NODE_OPTIONS: '--max-semi-space-size=4', NODE_ENV: 'production' },
  });
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = / at (http:\/\/[^/\s]+)\//.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  admin = browser(url);
  expect((await admin.post('/signup', { family_name: 'Floods', slug: 'floods', username: 'mum', password: PASSWORD, time_zone: 'UTC' })).status).toBe(303);
  // Warm up what a normal day loads (pages, sharp on a first real upload), so growth is the flood's alone.
  const warm = new FormData();
  for (const [k, v] of Object.entries(CHORE)) warm.append(k, v);
  warm.append('image', new Blob([await noisy(200, 200).jpeg().toBuffer()], { type: 'image/jpeg' }), 'warm.jpg');
  expect((await admin.post('/floods/manage/chores/new', warm)).status).toBe(303);
  for (let i = 0; i < 20; i++) await (await admin.get('/floods/')).text();
}, 60_000);

afterAll(() => child?.kill('SIGKILL'));

const CHORE = { name: 'Walk the dog', icon: '', dashboard_id: '1', mode: 'daily', rotation: 'Mum', start_date: '' };

function status(): { rssMb: number; hwmMb: number } {
  const text = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)![1]);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** The server's peak RSS while `work` runs: VmHWM after resetting it (clear_refs 5), and 10 ms samples as a floor. */
async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ result: T; beforeMb: number; peakMb: number }> {
  const beforeMb = status().rssMb;
  let hwmReset = true;
  try {
    fs.writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  let sampled = beforeMb;
  const timer = setInterval(() => (sampled = Math.max(sampled, status().rssMb)), 10);
  try {
    const result = await work();
    const end = status();
    const peakMb = Math.max(sampled, end.rssMb, hwmReset ? end.hwmMb : 0);
    return { result, beforeMb, peakMb };
  } finally {
    clearInterval(timer);
  }
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** One POST of `body`, sent in 64 KiB writes as a client on the network would; chunked when `length` is null. */
function send(path: string, headers: Record<string, string>, body: Buffer, length: number | null): Promise<Answer | Error> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = http.request(`${url}${path}`, {
      method: 'POST',
      headers: { origin: url, ...headers, ...(length === null ? {} : { 'content-length': String(length) }) },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ms: Date.now() - started }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text, ms: Date.now() - started }));
    });
    // The server may answer and stop reading before the whole body is sent.
    req.on('error', (err) => {
      if (!answered) resolve(err);
    });
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

function urlencodedBody(): Buffer {
  return Buffer.concat([Buffer.from('username=mum&password='), Buffer.alloc(BODY_BYTES - 22, 'a')]);
}

function multipartBody(boundary: string, fields: Record<string, string>, file: Buffer): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return Buffer.concat([
    Buffer.from(`${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

async function flood(make: () => Promise<Answer | Error>) {
  return peakRssDuring(() => Promise.all(Array.from({ length: FLOOD }, make)));
}

function answered(results: (Answer | Error)[]): Answer[] {
  const errors = results.filter((r): r is Error => r instanceof Error);
  expect(errors.map((e) => e.message)).toEqual([]);
  return results as Answer[];
}

describe('40 bodies of 8 MB at once', () => {
  it('to a form route (sign-in, anonymous): each refused unread with a 413 page, RSS growth under 50 MB', async () => {
    const body = urlencodedBody();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const declared = await flood(() => send('/floods/login', form, body, body.length));
    const chunked = await flood(() => send('/floods/login', form, body, null));
    const growth = Math.max(declared.peakMb - declared.beforeMb, chunked.peakMb - chunked.beforeMb);
    console.log(`[body-floods] form route: RSS ${declared.beforeMb.toFixed(0)} MB before, peak ${declared.peakMb.toFixed(0)} MB (Content-Length), ${chunked.peakMb.toFixed(0)} MB (chunked); growth ${growth.toFixed(1)} MB`);
    for (const run of [declared, chunked]) {
      for (const answer of answered(run.result)) {
        expect(answer.status).toBe(413);
        expect(answer.body).toContain('That was far more than any form here sends');
      }
    }
    expect(growth).toBeLessThan(50);
    // The server still answers normally afterwards.
    expect((await admin.get('/floods/')).status).toBe(200);
  });

  it('to a signed-in form route and to sign-up: the same', async () => {
    const body = urlencodedBody();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie };
    const run = await peakRssDuring(() =>
      Promise.all([
        ...Array.from({ length: FLOOD / 2 }, () => send('/floods/manage/dashboards', headers, body, body.length)),
        ...Array.from({ length: FLOOD / 2 }, () => send('/signup', headers, body, body.length)),
      ]),
    );
    console.log(`[body-floods] dashboards + signup: RSS ${run.beforeMb.toFixed(0)} MB before, peak ${run.peakMb.toFixed(0)} MB`);
    for (const answer of answered(run.result)) expect(answer.status).toBe(413);
    expect(run.peakMb - run.beforeMb).toBeLessThan(50);
  });

  it('to a picture route (new chore, as the admin): every request answered, RSS under 250 MB; the uploads beyond four get "busy" at once', async () => {
    const boundary = 'flood-boundary-1234';
    const body = multipartBody(boundary, CHORE, Buffer.alloc(BODY_BYTES - 1200, 0xab));
    expect(body.length).toBeLessThan(BODY_LIMITS.pictureFormBytes);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin.cookie };
    const run = await flood(() => send('/floods/manage/chores/new', headers, body, body.length));
    const answers = answered(run.result);
    const statuses = answers.map((a) => a.status);
    // Read ones are refused at the picture field with the form kept; the rest are told to try again.
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(BODY_LIMITS.picturesAtOnce);
    expect(statuses.every((s) => s === 400 || s === 503)).toBe(true);
    for (const a of answers.filter((x) => x.status === 400)) {
      expect(a.body).toContain('That photo is 7.7 MB; the limit is 5 MB.');
      expect(a.body).toContain('value="Walk the dog"');
    }
    const busy = answers.filter((a) => a.status === 503);
    for (const a of busy) expect(a.body).toContain('please send the form again in a few seconds');
    console.log(`[body-floods] picture route: RSS ${run.beforeMb.toFixed(0)} MB before, peak ${run.peakMb.toFixed(0)} MB; ${FLOOD - busy.length} read, ${busy.length} busy (slowest busy answer ${Math.max(0, ...busy.map((a) => a.ms))} ms)`);
    expect(run.peakMb).toBeLessThan(250);
  });

  it('to a picture route with real photos just under 5 MB: converted four at a time, RSS under 250 MB', async () => {
    const boundary = 'flood-boundary-5678';
    // Noise does not compress: a 1,900 x 1,900 JPEG at quality 100 is a few MB.
    let photo = await noisy(1900, 1900).jpeg({ quality: 100 }).toBuffer();
    if (photo.length > 5 * 1024 * 1024) photo = await noisy(1600, 1600).jpeg({ quality: 100 }).toBuffer();
    const body = multipartBody(boundary, { ...CHORE, name: 'Real photo' }, photo);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: admin.cookie };
    const run = await flood(() => send('/floods/manage/chores/new', headers, body, body.length));
    const statuses = answered(run.result).map((a) => a.status);
    expect(statuses.filter((s) => s === 303).length).toBeGreaterThanOrEqual(BODY_LIMITS.picturesAtOnce);
    expect(statuses.every((s) => s === 303 || s === 503)).toBe(true);
    console.log(`[body-floods] real photos (${(photo.length / 1e6).toFixed(1)} MB): RSS ${run.beforeMb.toFixed(0)} MB before, peak ${run.peakMb.toFixed(0)} MB; ${statuses.filter((s) => s === 303).length} saved, ${statuses.filter((s) => s === 503).length} busy`);
    expect(run.peakMb).toBeLessThan(250);
  });
});
