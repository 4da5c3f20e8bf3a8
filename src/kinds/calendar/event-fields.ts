import type { I18n, Translate } from '../../i18n/i18n.js';
// The family's own events as the form gives them: reading the fields,
// checking them (a message per field, nothing saved while any is wrong) and
// turning them into family_events / family_event_changes columns. Pure: the
// routes (member-routes.tsx) read and write the rows.

import { addDays, dayNumber, formatIsoDate, parseIsoDate, type CivilDate } from '../../calendar/civil-date.js';
import { parseTimeOfDay } from '../../calendar/family-time.js';
import { checkbox, field, fields, type FormBody } from '../../http/form.js';
import type { FieldErrors } from '../../views/form.js';
import { cleanText } from '../../views/clean-text.js';
import { WEEKDAY_CODES, familyEventSeries, type WeekdayCode } from './family-events.js';
import { occurrencesBetween } from './occurrences.js';
import type { Who } from './calendar-queries.js';
import type { FamilyEvent, FamilyEventChange, FamilyEventRepeat } from './tables.js';

export const EVENT_TITLE_MAX = 80;
export const EVENT_LOCATION_MAX = 120;
export const EVENT_NOTE_MAX = 2000;
export const WHO_NAME_MAX = 40;
export const REPEAT_COUNT_MAX = 1000;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

export const REPEATS: readonly { value: FamilyEventRepeat; label: 'event.repeatNone' | 'event.repeatDaily' | 'event.repeatWeekly' | 'event.repeatMonthly' | 'event.repeatYearly' }[] = [
  { value: 'none', label: 'event.repeatNone' },
  { value: 'daily', label: 'event.repeatDaily' },
  { value: 'weekly', label: 'event.repeatWeekly' },
  { value: 'monthly', label: 'event.repeatMonthly' },
  { value: 'yearly', label: 'event.repeatYearly' },
];

/** The form's fields as typed: kept as they are to show the form again. */
export interface EventFormValues {
  title: string;
  date: string;
  all_day: boolean;
  start_time: string;
  end_date: string;
  end_time: string;
  repeat: string;
  repeat_days: string[];
  repeat_until: string;
  repeat_count: string;
  /** "member:3", "person:2", or a name typed in. */
  who: string[];
  location: string;
  note: string;
}

/** One occurrence's fields: the event's without repeat and who. */
export type OccurrenceFormValues = Pick<EventFormValues, 'title' | 'date' | 'all_day' | 'start_time' | 'end_date' | 'end_time' | 'location' | 'note'>;

/** The columns of family_events the form sets. */
export type EventColumns = Pick<
  FamilyEvent,
  'title' | 'all_day' | 'start_date' | 'start_time' | 'end_date' | 'end_time' | 'repeat' | 'repeat_days' | 'repeat_until' | 'repeat_count' | 'who' | 'location' | 'note'
>;

/** The columns of family_event_changes one occurrence's form sets (null: as the series has it). */
export type ChangeColumns = Pick<FamilyEventChange, 'title' | 'all_day' | 'start_date' | 'start_time' | 'end_date' | 'end_time' | 'location' | 'note'>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function readOccurrenceValues(body: FormBody): OccurrenceFormValues {
  return {
    title: field(body, 'title'),
    date: field(body, 'date').trim(),
    all_day: checkbox(body, 'all_day'),
    start_time: field(body, 'start_time').trim(),
    end_date: field(body, 'end_date').trim(),
    end_time: field(body, 'end_time').trim(),
    location: field(body, 'location'),
    note: field(body, 'note'),
  };
}

export function readEventValues(body: FormBody): EventFormValues {
  return {
    ...readOccurrenceValues(body),
    repeat: field(body, 'repeat') || 'none',
    repeat_days: fields(body, 'repeat_days'),
    repeat_until: field(body, 'repeat_until').trim(),
    repeat_count: field(body, 'repeat_count').trim(),
    who: fields(body, 'who'),
  };
}

/** A new event's form on a given day. */
export function newEventValues(date: string): EventFormValues {
  return {
    title: '',
    date,
    all_day: false,
    start_time: '',
    end_date: '',
    end_time: '',
    repeat: 'none',
    repeat_days: [],
    repeat_until: '',
    repeat_count: '',
    who: [],
    location: '',
    note: '',
  };
}

/** The stored who as form values ("member:3", "person:2", a name). */
export function whoValues(who: readonly Who[]): string[] {
  return who.map((w) => ('member' in w ? `member:${w.member}` : 'person' in w ? `person:${w.person}` : w.name));
}

export function eventValuesOf(event: FamilyEvent, who: readonly Who[]): EventFormValues {
  return {
    title: event.title,
    date: event.start_date,
    all_day: event.all_day === 1,
    start_time: event.start_time ?? '',
    end_date: event.end_date === event.start_date ? '' : event.end_date,
    end_time: event.end_time ?? '',
    repeat: event.repeat,
    repeat_days: event.repeat_days ? event.repeat_days.split(',') : [],
    repeat_until: event.repeat_until ?? '',
    repeat_count: event.repeat_count === null ? '' : String(event.repeat_count),
    who: whoValues(who),
    location: event.location,
    note: event.note,
  };
}

/** One occurrence as it is now (its change applied), as form values. */
export function occurrenceValuesOf(event: FamilyEvent, occurrenceDate: string, change: FamilyEventChange | undefined): OccurrenceFormValues {
  const base = seriesOccurrence(event, occurrenceDate);
  const start_date = change?.start_date ?? occurrenceDate;
  const end_date = change?.end_date ?? shiftDate(start_date, lengthInDays(event));
  const allDay = (change?.all_day ?? event.all_day) === 1;
  return {
    title: change?.title ?? base.title,
    date: start_date,
    all_day: allDay,
    start_time: allDay ? '' : change?.start_time ?? base.start_time ?? '',
    end_date: end_date === start_date ? '' : end_date,
    end_time: allDay ? '' : change?.end_time ?? base.end_time ?? '',
    location: change?.location ?? base.location,
    note: change?.note ?? base.note,
  };
}

// ---------------------------------------------------------------- checks

/** A date field: the day, or a message for the field. */
export function dateProblem(text: string, i18n: I18n, missing: 'event.chooseDay' | 'event.chooseLastDay' = 'event.chooseDay'): { date: CivilDate } | { message: string } {
  const { t } = i18n;
  if (!text) return { message: t(missing) };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { message: t('event.dateLike') };
  const date = parseIsoDate(text);
  if (!date) {
    const month = Number(match[2]);
    // "There is no 31 April 2026", as the language writes a day of a month.
    return { message: month >= 1 && month <= 12 ? t('event.noSuchDate', { date: `${Number(match[3])} ${i18n.monthName(month)} ${match[1]}` }) : t('event.dateLike') };
  }
  if (date.year < FIRST_YEAR || date.year > LAST_YEAR) return { message: t('event.dateBetween', { first: String(FIRST_YEAR), last: String(LAST_YEAR) }) };
  return { date };
}

function timeProblem(text: string, t: Translate): string | null {
  return parseTimeOfDay(text) === null || !/^\d{2}:\d{2}$/.test(text) ? t('event.timeLike') : null;
}

/** A note keeps its lines; everything else as cleanText does. */
export function cleanNote(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const length = (text: string) => [...text].length;

type Timing = Pick<EventColumns, 'all_day' | 'start_date' | 'start_time' | 'end_date' | 'end_time'>;
type Texts = Pick<EventColumns, 'title' | 'location' | 'note'>;

/** Title, day, times, location and note: shared by a whole event and one occurrence. */
function checkCommon(values: OccurrenceFormValues, errors: FieldErrors, i18n: I18n): (Timing & Texts) | null {
  const { t } = i18n;
  const title = cleanText(values.title);
  if (!title) errors.title = t('event.needTitle');
  else if (length(title) > EVENT_TITLE_MAX) errors.title = t('event.titleLong', { count: EVENT_TITLE_MAX });
  const location = cleanText(values.location);
  if (length(location) > EVENT_LOCATION_MAX) errors.location = t('event.placeLong', { count: EVENT_LOCATION_MAX });
  const note = cleanNote(values.note);
  if (length(note) > EVENT_NOTE_MAX) errors.note = t('event.noteLong', { count: EVENT_NOTE_MAX });

  const start = dateProblem(values.date, i18n);
  if ('message' in start) errors.date = start.message;
  let endDate: CivilDate | null = null;
  if (values.end_date) {
    const end = dateProblem(values.end_date, i18n, 'event.chooseLastDay');
    if ('message' in end) errors.end_date = end.message;
    else endDate = end.date;
  }
  let startTime: string | null = null;
  let endTime: string | null = null;
  if (!values.all_day) {
    if (!values.start_time) errors.start_time = t('event.needStart', { allDay: t('calendar.allDay') });
    else if (timeProblem(values.start_time, t)) errors.start_time = timeProblem(values.start_time, t)!;
    else startTime = values.start_time;
    if (values.end_time) {
      if (timeProblem(values.end_time, t)) errors.end_time = timeProblem(values.end_time, t)!;
      else endTime = values.end_time;
    }
  }
  if (!('date' in start)) return null;
  const startDate = start.date;
  const lastDay = endDate ?? startDate;
  if (endDate && dayNumber(endDate) < dayNumber(startDate)) errors.end_date = t('event.endBeforeStart');
  else if (!values.all_day && startTime && endTime && dayNumber(lastDay) === dayNumber(startDate) && endTime < startTime) {
    errors.end_time = t('event.endTimeBeforeStart');
  }
  if (errors.title || errors.location || errors.note || errors.date || errors.end_date || errors.start_time || errors.end_time) return null;
  return {
    title,
    location,
    note,
    all_day: values.all_day ? 1 : 0,
    start_date: formatIsoDate(startDate),
    start_time: values.all_day ? null : startTime,
    end_date: formatIsoDate(lastDay),
    end_time: values.all_day ? null : endTime,
  };
}

/** Who may be chosen: the family's members and named people. */
export interface WhoChoices {
  memberIds: ReadonlySet<number>;
  personIds: ReadonlySet<number>;
}

function checkWho(values: readonly string[], choices: WhoChoices, errors: FieldErrors, t: Translate): Who[] {
  const who: Who[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const id = /^(member|person):(\d{1,15})$/.exec(value);
    if (id) {
      const n = Number(id[2]);
      const known = id[1] === 'member' ? choices.memberIds.has(n) : choices.personIds.has(n);
      if (!known) {
        errors.who = t('event.whoFromList');
        continue;
      }
      if (seen.has(value)) continue;
      seen.add(value);
      who.push(id[1] === 'member' ? { member: n } : { person: n });
      continue;
    }
    const name = cleanText(value);
    if (!name) continue;
    if (length(name) > WHO_NAME_MAX) {
      errors.who = t('event.nameLong', { count: WHO_NAME_MAX });
      continue;
    }
    if (seen.has(`name:${name.toLowerCase()}`)) continue;
    seen.add(`name:${name.toLowerCase()}`);
    who.push({ name });
  }
  return who;
}

function isRepeat(value: string): value is FamilyEventRepeat {
  return REPEATS.some((r) => r.value === value);
}

/** Checks a whole event (new, or every occurrence of one). */
export function checkEvent(values: EventFormValues, choices: WhoChoices, timeZone: string, i18n: I18n): Checked<EventColumns> {
  const { t } = i18n;
  const errors: FieldErrors = {};
  const common = checkCommon(values, errors, i18n);
  const who = checkWho(values.who, choices, errors, t);
  const repeat = values.repeat;
  let repeatDays: WeekdayCode[] = [];
  let until: string | null = null;
  let count: number | null = null;
  if (!isRepeat(repeat)) {
    errors.repeat = t('event.chooseRepeat');
  } else if (repeat !== 'none') {
    if (repeat === 'weekly') {
      if (values.repeat_days.some((d) => !(WEEKDAY_CODES as readonly string[]).includes(d))) errors.repeat_days = t('event.daysFromList');
      else repeatDays = WEEKDAY_CODES.filter((d) => values.repeat_days.includes(d));
    }
    if (values.repeat_until) {
      const last = dateProblem(values.repeat_until, i18n, 'event.chooseLastDay');
      if ('message' in last) errors.repeat_until = last.message;
      else if (common && formatIsoDate(last.date) < common.start_date) errors.repeat_until = t('event.repeatEndsBefore');
      else until = formatIsoDate(last.date);
    }
    if (values.repeat_count) {
      const n = /^\d{1,9}$/.test(values.repeat_count) ? Number(values.repeat_count) : NaN;
      if (!Number.isInteger(n)) errors.repeat_count = t('event.countWhole');
      else if (n < 1 || n > REPEAT_COUNT_MAX) errors.repeat_count = t('event.countRange', { max: REPEAT_COUNT_MAX });
      else count = n;
      if (values.repeat_until && !errors.repeat_count) errors.repeat_count = t('event.untilOrCount');
    }
  }
  if (!common || Object.values(errors).some(Boolean)) return { ok: false, errors };
  const columns: EventColumns = {
    ...common,
    repeat: repeat as FamilyEventRepeat,
    repeat_days: repeatDays.join(','),
    repeat_until: repeat === 'none' ? null : until,
    repeat_count: repeat === 'none' ? null : count,
    who: JSON.stringify(who),
  };
  if (!occursAtAll(columns, timeZone)) {
    const message = t('event.never');
    return { ok: false, errors: until ? { repeat_until: message } : { repeat_days: message } };
  }
  return { ok: true, value: columns };
}

/** A stand-in row for the pure expansion of columns not saved yet. */
function asEvent(columns: EventColumns): FamilyEvent {
  return { ...columns, id: 0, uid: 'check', created_by: null, created_at: '', updated_at: '' };
}

/** Whether the series takes place at least once: a weekly series' first day is within a week of its start, any other's is its start. */
export function occursAtAll(columns: EventColumns, timeZone: string): boolean {
  const start = parseIsoDate(columns.start_date);
  if (!start) return false;
  return occurrencesBetween([familyEventSeries(asEvent(columns), [])], timeZone, start, 8).length > 0;
}

/** Whether the series (its changes left aside) has an occurrence on this day: the days a change may name. */
export function isOccurrenceDate(event: FamilyEvent, date: string, timeZone: string): boolean {
  const day = parseIsoDate(date);
  if (!day || date < event.start_date) return false;
  const series = familyEventSeries(event, []);
  return occurrencesBetween([series], timeZone, day, 1).some((o) => o.start.slice(0, 10) === date);
}

function lengthInDays(event: Pick<FamilyEvent, 'start_date' | 'end_date'>): number {
  const a = parseIsoDate(event.start_date);
  const b = parseIsoDate(event.end_date);
  return a && b ? dayNumber(b) - dayNumber(a) : 0;
}

function shiftDate(date: string, days: number): string {
  const d = parseIsoDate(date);
  return d ? formatIsoDate(addDays(d, days)) : date;
}

/** What an occurrence of the series is on that day, before any change. */
function seriesOccurrence(event: FamilyEvent, occurrenceDate: string): Timing & Texts {
  return {
    title: event.title,
    location: event.location,
    note: event.note,
    all_day: event.all_day,
    start_date: occurrenceDate,
    start_time: event.start_time,
    end_date: shiftDate(occurrenceDate, lengthInDays(event)),
    end_time: event.end_time,
  };
}

/**
 * Checks one occurrence's form; its change keeps null for whatever equals
 * the series', so a later edit of the whole series still reaches it.
 */
export function checkOccurrence(values: OccurrenceFormValues, event: FamilyEvent, occurrenceDate: string, i18n: I18n): Checked<ChangeColumns> {
  const errors: FieldErrors = {};
  const common = checkCommon(values, errors, i18n);
  if (!common) return { ok: false, errors };
  const base = seriesOccurrence(event, occurrenceDate);
  const differs = <K extends keyof typeof base>(key: K) => (common[key] === base[key] ? null : common[key]);
  const start_date = differs('start_date');
  // An end the series would give this start anyway stays null (it follows the start).
  const end_date = common.end_date === shiftDate(common.start_date, lengthInDays(event)) ? null : common.end_date;
  const allDay = common.all_day === 1;
  // A timed occurrence with no end is a moment: said with its start as end, since null would mean the series' end.
  const endTime = allDay ? null : common.end_time ?? common.start_time;
  return {
    ok: true,
    value: {
      title: differs('title'),
      location: differs('location'),
      note: differs('note'),
      all_day: common.all_day === event.all_day ? null : common.all_day,
      start_date,
      start_time: allDay || common.start_time === event.start_time ? null : common.start_time,
      end_date,
      end_time: allDay || endTime === (event.end_time ?? (event.all_day === 1 ? null : event.start_time)) ? null : endTime,
    },
  };
}
