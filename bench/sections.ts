import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { hashPassword } from '../src/accounts/password.js';
import { hashToken } from '../src/accounts/session.js';
import { usernameKey } from '../src/accounts/username.js';
import { dayNumber, formatIsoDate } from '../src/calendar/civil-date.js';
import { todayIn } from '../src/calendar/family-time.js';
import { alternate, copyFamilies, medianRatio, rssMb, startBenchServer, type BenchServer } from './engine.js';
import { median, type LoadResult } from './load.js';
import { runWrk, type WrkOptions } from './wrk.js';
import { profileClockUs, summariseProfile, type ProfileWindow } from './profile.js';
import { PROJECT_ROOT } from '../src/config.js';
import { processImage } from '../src/images/process-image.js';
import { calendarSection } from './calendar.js';
import { english } from '../src/i18n/i18n.js';
import { fmt, pass } from './figures.js';
import { FamilyPool } from '../src/tenants/pool.js';
import { getSettingsWithRevision, listDashboardTabs, loadDashboardSections, pickDefaultDashboard } from '../src/dashboards/dashboard-queries.js';
import { buildDashboardView, familyDateFormat } from '../src/dashboards/dashboard-view.js';
import { renderDashboardContent } from '../src/dashboards/dashboard-content.js';
import { familyDay, untilMidnight } from '../src/dashboards/family-day.js';
import { clockHtml } from '../src/dashboards/wall-clock.js';
import { familyI18n } from '../src/i18n/request-language.js';

/** What the dashboard benchmarks need from the engine run. */
export interface BenchContext {
  work: string;
  template: string;
  rounds: number;
  seconds: number;
  connections: number;
}

// A display link token every copy of the family shares, so random families can be polled.
export const DISPLAY_TOKEN = 'benchbenchbenchbenchbenchbench22';
const PASSWORD = 'benchmark password';

/** A family with two kids, 20 chores and 20 countdowns on its default dashboard, and a display link. */
export async function busyFamily(template: string, file: string): Promise<void> {
  fs.copyFileSync(template, file);
  const db = new Database(file);
  const hash = await hashPassword(PASSWORD);
  const addMember = db.prepare("insert into members (username, username_key, display_name, role, password_hash, color, avatar) values (?, ?, ?, 'member', ?, ?, ?)");
  const kids = [
    ['estelle', 'Estelle', '#dc2626', '🦊'],
    ['josephine', 'Josephine', '#16a34a', '🐼'],
  ].map(([u, n, c, a]) => Number(addMember.run(u, usernameKey(u!), n, hash, c, a).lastInsertRowid));
  const dashboard = (db.prepare('select id from dashboards where is_default = 1').get() as { id: number }).id;
  const today = dayNumber(todayIn('Europe/Berlin'));
  const addChore = db.prepare("insert into chores (dashboard_id, name, icon, mode, anchor_day, turn_offset, position) values (?, ?, ?, 'daily', ?, 0, ?)");
  const addEntry = db.prepare('insert into chore_entries (chore_id, position, member_id, name) values (?, ?, ?, ?)');
  const icons = ['🍽', '🐕', '🛀', '👑', '🧺', '🗑', '🪴', '🧹', '📚', '🛒'];
  for (let i = 0; i < 20; i++) {
    const chore = Number(addChore.run(dashboard, `Chore number ${i + 1}`, icons[i % icons.length], today - i, i).lastInsertRowid);
    addEntry.run(chore, 0, kids[0], null);
    addEntry.run(chore, 1, kids[1], null);
    addEntry.run(chore, 2, null, 'Grandma');
  }
  const addCountdown = db.prepare("insert into countdowns (dashboard_id, name, icon, kind, month, day) values (?, ?, ?, 'yearly', ?, ?)");
  for (let i = 0; i < 20; i++) addCountdown.run(dashboard, `Birthday ${i + 1}`, '🎂', (i % 12) + 1, (i % 27) + 1);
  db.prepare('insert into display_links (dashboard_id, token_hash, label) values (?, ?, ?)').run(dashboard, hashToken(DISPLAY_TOKEN), 'Kitchen');
  db.close();
}

export async function signIn(base: string, slug: string): Promise<string> {
  const res = await fetch(`${base}/${slug}/login`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ username: 'mum', password: PASSWORD }),
    headers: { origin: base },
  });
  const match = /dinkydash_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
  if (!match) throw new Error(`bench sign-in failed: ${res.status}`);
  return `dinkydash_session=${match[1]}`;
}

/** A photo of about 5 MB: noise compresses badly, like a real phone picture. */
async function fiveMegabyteJpeg(): Promise<Buffer> {
  const width = 2600;
  const height = 2000;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  let quality = 95;
  let jpeg = await sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
  while (jpeg.length > 5 * 1024 * 1024 && quality > 50) jpeg = await sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: (quality -= 5) }).toBuffer();
  return jpeg;
}

async function upload(server: BenchServer, slug: string, cookie: string, photo: Buffer, name: string): Promise<number> {
  const form = new FormData();
  form.append('name', name);
  form.append('icon', '');
  form.append('rotation', 'Estelle\nJosephine');
  form.append('mode', 'daily');
  form.append('dashboard_id', '1');
  form.append('start_date', formatIsoDate(todayIn('Europe/Berlin')));
  form.append('image', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
  const t0 = performance.now();
  const res = await fetch(`${server.base}/${slug}/manage/chores/new`, { method: 'POST', body: form, headers: { origin: server.base, cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 303 || res.headers.get('location')?.includes('/login')) throw new Error(`upload answered ${res.status} ${res.headers.get('location')}`);
  return performance.now() - t0;
}

/** The four dashboard routes the goals are about. */
export const DASHBOARD_ROUTES = ['page', 'display', 'poll304', 'random'] as const;
export type DashboardRoute = (typeof DASHBOARD_ROUTES)[number];
export type Scenario = Pick<WrkOptions, 'paths' | 'headers' | 'okStatuses'>;

/** What wrk asks for in each case, made just before each run (a poll needs the ETag of the moment). */
function dashboardScenarios(slug: string, slugs: string[], cookie: string): Record<DashboardRoute | 'bare' | 'bare304', (base: string) => Promise<Scenario>> {
  const content = `/${slug}/display/${DISPLAY_TOKEN}/content`;
  return {
    bare: async () => ({ paths: ['/bare'] }),
    // The floor under the poll: a bare Hono route answering 304 with the same headers.
    bare304: async () => ({ paths: ['/bare304'], okStatuses: [304] }),
    page: async () => ({ paths: [`/${slug}/`], headers: { cookie } }),
    display: async () => ({ paths: [`/${slug}/display/${DISPLAY_TOKEN}`] }),
    // Like a display, the poller holds the ETag of the content it last got (a handle reopened
    // after eviction may answer one 200 with a new ETag, which a browser would then keep).
    poll304: async (base) => {
      const fresh = await fetch(`${base}${content}`, { headers: { 'hx-request': 'true' } });
      await fresh.text();
      const etag = fresh.headers.get('etag');
      if (!etag) throw new Error('the display fragment has no ETag');
      return { paths: [content], headers: { 'if-none-match': etag, 'hx-request': 'true' }, okStatuses: [304] };
    },
    // wrk takes one of the 1,000 families at random for each request.
    random: async () => ({ paths: slugs.map((s) => `/${s}/display/${DISPLAY_TOKEN}/content`), headers: { 'hx-request': 'true' } }),
  };
}

/**
 * What the first request after a change pays on top of a kept one: the
 * dashboard's content rendered from scratch as rendered-once.ts's render()
 * does (its rows read, its view built, its HTML, its UTF-8 bytes), in this
 * process, the family's handle open. Median of `runs`, in ms.
 */
async function contentFromScratchMs(dataDir: string, slug: string, runs = 300): Promise<{ ms: number; bytes: number }> {
  const pool = new FamilyPool({ dataDir, maxOpen: 1 });
  try {
    return await pool.withFamily(slug, async (family) => {
      const settings = await getSettingsWithRevision(family);
      const dashboard = pickDefaultDashboard(await listDashboardTabs(family.db))!;
      const i18n = familyI18n(settings);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const at = new Date();
        const day = familyDay(settings.time_zone, at);
        const sections = await loadDashboardSections(family.db, dashboard, day.day);
        const view = buildDashboardView(sections, { today: day.today, timeZone: day.timeZone, now: at.getTime(), clock: '24' }, familyDateFormat(settings.date_format), i18n);
        const links = { content: `/${slug}/d/${dashboard.id}/content`, choreAction: (id: number, action: string) => `/${slug}/chores/${id}/${action}`, image: (id: number) => `/${slug}/images/${id}` };
        const html = renderDashboardContent({ view, size: dashboard.size, links, canComplete: true, empty: { kind: 'member' }, etag: 'W/"bench"', msUntilMidnight: untilMidnight(day, at), clock: clockHtml(day.timeZone, at, '24', i18n) });
        bytes = Buffer.from(`${html}`, 'utf8').length;
        times.push(performance.now() - t0);
      }
      return { ms: median(times.slice(runs / 3)), bytes };
    });
  } finally {
    await pool.close(0);
  }
}

const PROFILE_SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 5);

/** Asks for each path once, 8 at a time. */
async function touchAll(base: string, paths: string[], headers: Record<string, string> = {}): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) await (await fetch(`${base}${paths[next++]}`, { headers })).arrayBuffer();
    }),
  );
}
const PROFILE_TOP = 8;
// Long enough for the random-family case to have met each of its 1,000 families once, as the rounds above have.
const PROFILE_WARM_UP_SECONDS = 3;

/**
 * One route's row of a "where the time goes" table: a bench server of its own
 * under `node --cpu-prof`, every path asked once, wrk for a warm-up and then
 * for the profiled window; its profile summed by self time per function and
 * per source module (bench/profile.ts).
 */
export async function profileRoute(dataDir: string, label: string, context: BenchContext, scenario: (base: string) => Promise<Scenario>): Promise<string> {
  const bundle = path.join(PROJECT_ROOT, 'dist', 'bundle', 'bench', 'bench-server.mjs');
  const pct = (share: { name: string; pct: number }) => `${share.name.replace(/\|/g, '\\|')} ${fmt(share.pct, 1)}%`;
  const dir = fs.mkdtempSync(path.join(context.work, `profile-${label}-`));
  const server = await startBenchServer(dataDir, undefined, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250']);
  let run: LoadResult;
  let window: ProfileWindow;
  try {
    const warmUp = await scenario(server.base);
    // Every path once (the random case's 1,000 families), then the load itself for a while.
    await touchAll(server.base, warmUp.paths, warmUp.headers);
    await runWrk({ base: server.base, connections: context.connections, seconds: PROFILE_WARM_UP_SECONDS, ...warmUp });
    const options = await scenario(server.base);
    const fromUs = profileClockUs();
    run = await runWrk({ base: server.base, connections: context.connections, seconds: PROFILE_SECONDS, ...options });
    window = { fromUs, toUs: profileClockUs() };
  } finally {
    await server.stop();
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile was written for ${label}`);
  const summary = summariseProfile(path.join(dir, file), bundle, PROFILE_TOP, window);
  return `| ${label} (${fmt(run.rps)} req/s while profiled) | ${fmt(summary.busyPct)}% of ${fmt(summary.samples)} samples | ${summary.functions.map(pct).join('; ')} | ${summary.modules.map(pct).join('; ')} |`;
}

/**
 * Where each route's time goes: a bench server of its own under `node
 * --cpu-prof`, driven by wrk like the rounds above, its profile summed by self
 * time per function and per source module (bench/profile.ts).
 */
async function whereTheTimeGoes(dataDir: string, slug: string, slugs: string[], context: BenchContext): Promise<string[]> {
  const out: string[] = [];
  out.push('### Where the time goes');
  out.push('');
  out.push(
    `\`node --cpu-prof\` (250 µs sampling) of a bench server of its own for each route, under the same wrk load for ${PROFILE_SECONDS} s after a warm-up (each path asked once, every family for the random case, then ${PROFILE_WARM_UP_SECONDS} s of load), only the samples of those ${PROFILE_SECONDS} s counted; self time summed by function and by source module (\`bench/profile.ts\`), in % of the samples in which the server was busy (not waiting for wrk). Writing to the socket shows as \`writev\`/\`writeLatin1String\`, SQLite as better-sqlite3's functions and Kysely's \`executeQuery\`.`,
  );
  out.push('');
  out.push('| Route | Busy | Top functions (self time) | Top modules |');
  out.push('| --- | --- | --- | --- |');
  for (const route of DASHBOARD_ROUTES) {
    out.push(await profileRoute(dataDir, route, context, async (base) => dashboardScenarios(slug, slugs, await signIn(base, slug))[route](base)));
  }
  out.push('');
  return out;
}

export async function extraSections(context: BenchContext): Promise<string[]> {
  const out: string[] = [];
  const say = (line = '') => {
    out.push(line);
    process.stdout.write(`${line}\n`);
  };
  const busy = path.join(context.work, 'busy-template.db');
  await busyFamily(context.template, busy);
  if (process.env.BENCH_ONLY === 'calendar') return calendarSection(context, busy);
  const dataDir = path.join(context.work, 'dashboards-1000');
  const slugs = copyFamilies(busy, dataDir, 1000);
  const server = await startBenchServer(dataDir);
  try {
    const slug = slugs[0]!;
    const cookie = await signIn(server.base, slug);
    const scenarios = dashboardScenarios(slug, slugs, cookie);
    const load = (key: DashboardRoute | 'bare' | 'bare304', seconds: number, countStatuses = false) => async () =>
      runWrk({ base: server.base, connections: context.connections, seconds, countStatuses, ...(await scenarios[key](server.base)) });
    // The answers' statuses, counted in a short run of each (counting in the measured runs would slow wrk).
    const checks: Record<string, LoadResult> = {};
    for (const key of ['bare', 'bare304', ...DASHBOARD_ROUTES] as const) checks[key] = await load(key, 1, true)();
    const results = await alternate(context.rounds, Object.fromEntries((['bare', 'bare304', ...DASHBOARD_ROUTES] as const).map((key) => [key, load(key, context.seconds)])));
    const bare = results.bare!.medianRps;
    const row = (label: string, key: string, goal: number) => {
      const r = results[key]!;
      const ratio = medianRatio(r, results.bare!);
      say(`| ${label} | ${fmt(r.medianRps)} req/s (p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms) | bare Hono route: ${fmt(bare)} req/s (p50 ${fmt(results.bare!.p50Ms, 2)} ms, p99 ${fmt(results.bare!.p99Ms, 2)} ms) | ratio ≥ ${goal} | ${fmt(ratio, 3)} ${pass(ratio >= goal)} |`);
    };
    say('## The dashboard');
    say();
    say('One family with 2 kids, 20 chores (3 turns each) and 20 countdowns on one dashboard; 1,000 copies of it for the cold cases.');
    say();
    say('| Measure | Result | Baseline | Goal | |');
    say('| --- | --- | --- | --- | --- |');
    row('Dashboard page, signed in (session check included; its HTML rendered once per change and minute, src/dashboards/rendered-once.ts)', 'page', 0.12);
    row('Wall display page (display link; rendered once per change and minute, likewise)', 'display', 0.15);
    row('htmx fragment polled with If-None-Match, nothing changed (304)', 'poll304', 0.5);
    row('htmx fragment of random families out of 1,000 (cold opens included)', 'random', 0.1);
    const floor = results.bare304!;
    const scratch = await contentFromScratchMs(dataDir, slugs[1]!);
    say(`| For scale: what the first request after a change adds, the content rendered from scratch (rows read, view, HTML, ${fmt(scratch.bytes / 1024, 1)} KB of UTF-8) in the bench process, median of 200 | ${fmt(scratch.ms, 3)} ms | — | — | — |`);
    say(`| For scale: a bare Hono route answering the poll's 304 with the same headers | ${fmt(floor.medianRps)} req/s (p50 ${fmt(floor.p50Ms, 2)} ms, p99 ${fmt(floor.p99Ms, 2)} ms) | bare Hono route: ${fmt(bare)} req/s | — | ${fmt(medianRatio(floor, results.bare!), 3)} |`);

    const photo = await fiveMegabyteJpeg();
    const pipeline: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await processImage(photo, english.t);
      pipeline.push(performance.now() - t0);
    }
    const uploads: number[] = [];
    for (let i = 0; i < 3; i++) uploads.push(await upload(server, slug, cookie, photo, `Upload ${i}`));
    const uploadMs = median(uploads);
    say(`| A ${fmt(photo.length / 2 ** 20, 1)} MB JPEG (${'2600x2000'}) uploaded with a chore, processed and stored, median of 3 | ${fmt(uploadMs)} ms | sharp pipeline alone, in the bench process: ${fmt(median(pipeline))} ms | ≤ 1,000 ms | ${pass(uploadMs <= 1000)} |`);

    // Memory is measured on a server that has just started and served a page, not one left
    // bloated by the load rounds above: the question is what 4 uploads at once cost on a Pi.
    const fresh = await startBenchServer(dataDir);
    try {
      const freshCookie = await signIn(fresh.base, slug);
      await (await fetch(`${fresh.base}/${slug}/`, { headers: { cookie: freshCookie } })).text();
      const pid = fresh.child.pid!;
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: 4 }, (_, i) => upload(fresh, slug, freshCookie, photo, `Parallel ${i}`)));
      const parallelMs = performance.now() - t0;
      clearInterval(sampler);
      say(`| Peak RSS of a freshly started server during 4 uploads at once (all 4 done in ${fmt(parallelMs)} ms) | ${fmt(peak)} MB | before them: ${fmt(before)} MB; the load-round server's RSS: ${fmt(rssMb(server.child.pid!))} MB | ≤ 250 MB | ${pass(peak <= 250)} |`);
    } finally {
      await fresh.stop();
    }
    const errors = [...Object.values(results), ...Object.values(checks)].reduce((n, r) => n + r.errors, 0);
    say();
    say(`Unexpected answers during the dashboard load rounds: ${errors} (statuses, counted in a 1 s run of each before the rounds: ${Object.entries(checks).map(([k, r]) => `${k} ${Object.entries(r.statuses).map(([status, n]) => `${fmt(n)}×${status}`).join(' ')}`).join('; ')}).`);
    for (const [name, r] of Object.entries(results)) {
      if (r.errors) say(`- ${name}: ${r.errors} answers with a status of 400 or more, or socket errors`);
    }
    say();
    if (process.env.BENCH_PROFILE !== '0') {
      for (const line of await whereTheTimeGoes(dataDir, slug, slugs, context)) say(line);
    }
  } finally {
    await server.stop();
  }
  for (const line of await calendarSection(context, busy)) out.push(line);
  return out;
}
