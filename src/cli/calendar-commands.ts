import { familyTimeZone } from '../family/queries.js';
import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { audited } from './audit.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import { existingFamilies } from './choose-families.js';
import { plural, writeJson } from './format.js';
import { listFamilySlugs } from '../tenants/family-files.js';
import { withOwnerFamily } from '../owner/owner-family.js';
import { feedRequestUrl, maskFeedUrl } from '../fetching/feed-url.js';
import { type CivilDate, addDays, formatIsoDate, parseIsoDate } from '../calendar/civil-date.js';
import { todayIn } from '../calendar/family-time.js';
import { fetchCalendar, refreshFamilyFeeds, type FeedRefreshReport } from '../kinds/calendar/feed-refresh.js';
import { feedNameProblem, feedColorProblem } from '../kinds/calendar/feed-fields.js';
import { DEFAULT_FEED_COLOR, countFeedEvents, findFeedByName, insertFeed, listFeeds, removeFeed } from '../kinds/calendar/calendar-queries.js';
import { loadAgenda } from '../kinds/calendar/load-agenda.js';
import { cleanText } from '../views/clean-text.js';
import { english } from '../i18n/i18n.js';
import { ago } from '../views/ago.js';

// `dinkydash calendar …`: the family's calendar subscriptions from the
// owner's shell, for a timer (`refresh --all`), and the agenda as the family
// sees it (`agenda --json`, the same events the wall shows).

export const AGENDA_MAX_DAYS = 366;

function parseDays(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > AGENDA_MAX_DAYS) throw new CliError(`--days must be a whole number from 1 to ${AGENDA_MAX_DAYS} (got "${text}").`, EXIT_USAGE);
  return n;
}

function parseFrom(text: string): CivilDate {
  const date = parseIsoDate(text);
  if (!date) throw new CliError(`--from must be a date as YYYY-MM-DD (got "${text}").`, EXIT_USAGE);
  return date;
}

function fetchedAgo(ms: number | null, now: number): string {
  return ms === null ? 'never fetched' : `fetched ${ago(now - ms, english.t)}`;
}

function describeRefresh(slug: string, r: FeedRefreshReport, now: number): string {
  switch (r.outcome) {
    case 'fetched':
      return `${slug}: "${r.feed}" updated (${plural(r.events ?? 0, 'event')}).`;
    case 'not-modified':
      return `${slug}: "${r.feed}" unchanged.`;
    case 'fresh':
      return `${slug}: "${r.feed}" not fetched (${fetchedAgo(r.fetchedAt, now)}; the family file is read-only or it was just checked).`;
    case 'removed':
      return `${slug}: "${r.feed}" was removed or changed meanwhile; nothing kept.`;
    case 'failed':
      return `${slug}: "${r.feed}" failed: ${r.error} The last good copy stays (${fetchedAgo(r.fetchedAt, now)}).`;
  }
}

export function registerCalendar(program: Command): void {
  const calendar = program.command('calendar').summary("a family's calendars: subscribe, list, remove, refresh, show the agenda");

  calendar
    .command('add')
    .summary('subscribe a family to a calendar (ICS) address; it is fetched once, and nothing is saved if that fails')
    .argument('<slug>', 'the family')
    .argument('<url>', 'an https://, http:// or webcal:// address of an iCalendar feed')
    .requiredOption('--name <name>', 'the calendar\'s name, e.g. "School"')
    .option('--color <#rrggbb>', 'its colour', DEFAULT_FEED_COLOR)
    .option('--json', 'print the result as JSON')
    .action(async (slug: string, url: string, opts: { name: string; color: string; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const name = cleanText(opts.name);
      const result = await audited(
        data,
        'calendar add',
        slug,
        async () => {
          existingFamilies(data, [slug]);
          const problem = feedNameProblem(name) ?? feedColorProblem(opts.color);
          if (problem) throw new CliError(problem, EXIT_USAGE);
          const address = feedRequestUrl(url);
          if (!address.ok) throw new CliError(address.reason, EXIT_USAGE);
          await withOwnerFamily(data, slug, async ({ db }) => {
            if (await findFeedByName(db, name)) throw new CliError(`The family "${slug}" already has a calendar named "${name}".`);
          });
          const answer = await fetchCalendar(url, null);
          if (answer.kind !== 'fetched') throw new CliError(`The calendar was not added: ${answer.kind === 'failed' ? answer.reason : 'the server sent nothing new.'}`);
          return withOwnerFamily(data, slug, async ({ db }) => {
            const timeZone = await familyTimeZone(db);
            await db.transaction().execute(async (trx) => {
              if (await findFeedByName(trx, name)) throw new CliError(`The family "${slug}" already has a calendar named "${name}".`);
              await insertFeed(trx, { name, url, color: opts.color.toLowerCase(), memberId: null }, answer.copy, timeZone);
            });
            return { family: slug, name, color: opts.color.toLowerCase(), url: maskFeedUrl(url), events: answer.copy.events.length, warnings: answer.warnings };
          });
        },
        (r) => ({ name: r.name, url: r.url, events: r.events }),
      );
      if (opts.json) return writeJson(result);
      process.stdout.write(`Added the calendar "${result.name}" to "${slug}" (${plural(result.events, 'event')}) from ${result.url}.\n`);
      for (const warning of result.warnings) process.stdout.write(`  note: ${warning}\n`);
    });

  calendar
    .command('list')
    .summary("a family's calendars, with when each was last fetched")
    .argument('<slug>', 'the family')
    .option('--json', 'print the list as JSON')
    .action(async (slug: string, opts: { json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      existingFamilies(data, [slug]);
      const now = Date.now();
      const feeds = await withOwnerFamily(data, slug, async ({ db }) =>
        Promise.all(
          (await listFeeds(db)).map(async (f) => ({
            name: f.name,
            color: f.color,
            url: maskFeedUrl(f.url),
            events: await countFeedEvents(db, f.id),
            fetchedAt: f.fetched_at === null ? null : new Date(f.fetched_at).toISOString(),
            checkedAt: f.checked_at === null ? null : new Date(f.checked_at).toISOString(),
            error: f.error,
          })),
        ),
      );
      if (opts.json) return writeJson({ family: slug, calendars: feeds });
      if (feeds.length === 0) return void process.stdout.write(`The family "${slug}" has no calendars. Add one with: dinkydash calendar add ${slug} URL --name NAME\n`);
      for (const f of feeds) {
        const fetched = fetchedAgo(f.fetchedAt ? Date.parse(f.fetchedAt) : null, now);
        process.stdout.write(`${f.name}  ${f.color}  ${f.url}  ${plural(f.events, 'event')}, ${fetched}${f.error ? `; last attempt failed: ${f.error}` : ''}\n`);
      }
    });

  calendar
    .command('remove')
    .summary('unsubscribe a family from a calendar, with the events kept of it')
    .argument('<slug>', 'the family')
    .argument('<name>', "the calendar's name")
    .action(async (slug: string, name: string, _opts: unknown, command: Command) => {
      const { data } = globalOptions(command);
      await audited(data, 'calendar remove', slug, async () => {
        existingFamilies(data, [slug]);
        await withOwnerFamily(data, slug, async ({ db }) => {
          const feed = await findFeedByName(db, cleanText(name));
          if (!feed) throw new CliError(`The family "${slug}" has no calendar named "${name}".`, EXIT_USAGE);
          await removeFeed(db, feed.id);
        });
        return { name };
      });
      process.stdout.write(`Removed the calendar "${name}" from "${slug}".\n`);
    });

  calendar
    .command('refresh')
    .summary("fetch families' calendars now (for a timer); a failing one keeps its last good copy")
    .argument('[slugs...]', 'the families')
    .option('--all', 'every family')
    .option('--json', 'print what happened as JSON')
    .action(async (slugs: string[], opts: { all?: boolean; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      if (slugs.length === 0 && !opts.all) throw new CliError('Name the families to refresh, or use --all.', EXIT_USAGE);
      if (slugs.length > 0 && opts.all) throw new CliError('Name families or use --all, not both.', EXIT_USAGE);
      const families = opts.all ? listFamilySlugs(data) : existingFamilies(data, slugs);
      const now = Date.now();
      const results: { family: string; calendars: FeedRefreshReport[]; error?: string }[] = [];
      for (const slug of families) {
        try {
          const calendars = await audited(data, 'calendar refresh', slug, () => refreshFamilyFeeds((fn) => withOwnerFamily(data, slug, fn), { force: true, at: now }), (r) => ({
            fetched: r.filter((x) => x.outcome === 'fetched').length,
            failed: r.filter((x) => x.outcome === 'failed').length,
          }));
          results.push({ family: slug, calendars });
        } catch (err) {
          results.push({ family: slug, calendars: [], error: err instanceof Error ? err.message : String(err) });
        }
      }
      const failed = results.some((r) => r.error || r.calendars.some((c) => c.outcome === 'failed'));
      if (opts.json) writeJson({ families: results });
      else {
        for (const r of results) {
          if (r.error) process.stdout.write(`${r.family}: not refreshed: ${r.error}\n`);
          for (const c of r.calendars) process.stdout.write(`${describeRefresh(r.family, c, now)}\n`);
        }
        if (results.every((r) => !r.error && r.calendars.length === 0)) process.stdout.write(`No calendars to refresh in ${plural(results.length, 'family', 'families')}.\n`);
      }
      if (failed) process.exitCode = 1;
    });

  calendar
    .command('agenda')
    .summary("a family's events (calendars, own events, birthdays) on the coming days, in the family's time zone")
    .argument('<slug>', 'the family')
    .option('--from <YYYY-MM-DD>', "the first day (default: today in the family's time zone)")
    .option('--days <n>', 'how many days', '7')
    .option('--json', 'print the agenda as JSON')
    .action(async (slug: string, opts: { from?: string; days: string; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const days = parseDays(opts.days);
      const requested = opts.from === undefined ? null : parseFrom(opts.from);
      existingFamilies(data, [slug]);
      const { timeZone, from, entries } = await withOwnerFamily(data, slug, async ({ db }) => {
        const zone = await familyTimeZone(db);
        const start = requested ?? todayIn(zone);
        return { timeZone: zone, from: start, entries: await loadAgenda(db, zone, start, days) };
      });
      if (opts.json) {
        return writeJson({
          family: slug,
          timeZone,
          from: formatIsoDate(from),
          days,
          events: entries.map((e) => ({ calendar: e.calendar, title: e.title, allDay: e.allDay, start: e.start, end: e.end })),
        });
      }
      if (entries.length === 0) return void process.stdout.write(`No events from ${formatIsoDate(from)} to ${formatIsoDate(addDays(from, days - 1))} (${timeZone}).\n`);
      let day = '';
      for (const e of entries) {
        const first = e.start.slice(0, 10) < formatIsoDate(from) ? formatIsoDate(from) : e.start.slice(0, 10);
        if (first !== day) process.stdout.write(`${(day = first)}\n`);
        const when = e.allDay ? 'all day    ' : `${e.start.slice(11)}–${e.end.slice(11)}`;
        process.stdout.write(`  ${when}  ${e.title}  (${e.calendar})\n`);
      }
    });
}

