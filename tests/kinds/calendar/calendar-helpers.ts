import { expect } from 'vitest';
import type { TestApp } from '../../helpers/family-app.js';
import { inFamily } from '../../manage/manage-helpers.js';
import { parseCalendar } from '../../../src/kinds/calendar/ical-parse.js';
import { insertFeed } from '../../../src/kinds/calendar/calendar-queries.js';
import type { FamilyEvent, FamilyEventChange } from '../../../src/kinds/calendar/tables.js';

/** A whole event's form, with the field names the page uses. */
export function eventForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { title: 'Swimming', date: '2026-03-10', start_time: '17:00', end_date: '', end_time: '18:00', repeat: 'none', repeat_until: '', repeat_count: '', location: '', note: '', ...overrides };
}

export async function familyEvents(t: TestApp, slug: string): Promise<FamilyEvent[]> {
  return inFamily(t, slug, (db) => db.selectFrom('family_events').selectAll().orderBy('id').execute());
}

export async function eventChanges(t: TestApp, slug: string): Promise<FamilyEventChange[]> {
  return inFamily(t, slug, (db) => db.selectFrom('family_event_changes').selectAll().orderBy('id').execute());
}

/** Adds an event through the form and returns its row. */
export async function addEvent(t: TestApp, slug: string, cookie: string, overrides: Record<string, string | string[]> = {}): Promise<FamilyEvent> {
  const before = (await familyEvents(t, slug)).length;
  const res = await t.post(`/${slug}/calendar/events/new`, eventForm(overrides), cookie);
  expect(res.status, await res.clone().text()).toBe(303);
  const events = await familyEvents(t, slug);
  expect(events.length).toBe(before + 1);
  return events.at(-1)!;
}

/** Subscribes the family to a calendar given as iCalendar text, as if fetched just now. */
export async function addFeed(t: TestApp, slug: string, name: string, ics: string, timeZone: string, color = '#0e7490'): Promise<void> {
  const parsed = parseCalendar(ics);
  if (!parsed.ok) throw new Error(parsed.message);
  await inFamily(t, slug, (db) =>
    db.transaction().execute((trx) => insertFeed(trx, { name, url: `https://calendar.example/${name}.ics`, color, memberId: null }, { events: parsed.events, etag: null, lastModified: null, fetchedAt: Date.now() }, timeZone)),
  );
}

/** iCalendar text of VEVENT bodies. */
export function ics(...events: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.trim().split('\n').map((l) => l.trim()), 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n');
}

/** The part of a calendar page for one day: from its element to the next day's. */
export function daySection(html: string, date: string): string {
  const start = html.indexOf(`id="day-${date}"`);
  if (start < 0) return '';
  const next = html.indexOf('id="day-', start + 1);
  return html.slice(start, next < 0 ? undefined : next);
}

/** The ids of the days a page shows, in order. */
export function shownDays(html: string): string[] {
  return [...html.matchAll(/id="day-(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]!);
}

/** The value an input has on the page. */
export function inputValue(html: string, name: string): string | null {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*name="${name}"`).exec(html);
  return match ? match[1]! : null;
}
