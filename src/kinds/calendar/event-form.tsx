import { CheckboxField, FieldShell, SelectField, TextField, describedBy, type FieldErrors } from '../../views/form.js';
import type { WeekStart } from '../../family/tables.js';
import { useRequestContext } from 'hono/jsx-renderer';
import type { FamilyEnv } from '../../http/env.js';
import type { I18n } from '../../i18n/i18n.js';
import { WEEKDAY_CODES } from './family-events.js';
import { EVENT_LOCATION_MAX, EVENT_NOTE_MAX, EVENT_TITLE_MAX, REPEATS, REPEAT_COUNT_MAX, WHO_NAME_MAX, type EventFormValues, type OccurrenceFormValues } from './event-fields.js';

// The fields of an own event (and of one of its occurrences), usable on a
// phone without JavaScript: everything is shown, and hints say which fields
// matter when (times only for events that are not all-day, the days only for
// weekly repeats).

export interface WhoOption {
  /** "member:3" or "person:2". */
  value: string;
  label: string;
}

/** The reader's language (these fields render inside the calendar pages' c.render). */
function words(): I18n {
  return useRequestContext<FamilyEnv>().var.i18n;
}

/** A group of checkboxes sharing one name, with its message at the group. */
function CheckboxGroup(props: { legend: string; name: string; options: readonly { value: string; label: string }[]; checked: readonly string[]; error?: string | undefined; hint?: string; inline?: boolean }) {
  const id = `f-${props.name}`;
  return (
    <fieldset class={`cal-checks${props.inline ? ' is-inline' : ''}${props.error ? ' has-error' : ''}`} aria-describedby={describedBy(id, props.hint, props.error)}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.options.map((o) => (
        <label class="cal-check">
          <input type="checkbox" name={props.name} value={o.value} checked={props.checked.includes(o.value)} />
          <span>{o.label}</span>
        </label>
      ))}
      {props.error ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Title, day, times, place and note: what an event and one of its occurrences both have. */
export function TimingFields(props: { values: OccurrenceFormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const { t } = words();
  return (
    <>
      <TextField label={t('event.title')} name="title" value={values.title} error={errors.title} required maxlength={EVENT_TITLE_MAX} placeholder={t('event.titlePlaceholder')} />
      <TextField label={t('event.day')} name="date" type="date" value={values.date} error={errors.date} required />
      <CheckboxField label={t('calendar.allDay')} name="all_day" checked={values.all_day} hint={t('event.allDayHint')} />
      <div class="cal-time-fields">
        <TextField label={t('event.startsAt')} name="start_time" type="time" value={values.start_time} error={errors.start_time} />
        <TextField label={t('event.endsAt')} name="end_time" type="time" value={values.end_time} error={errors.end_time} />
      </div>
      <TextField label={t('event.lastDay')} name="end_date" type="date" value={values.end_date} error={errors.end_date} hint={t('event.lastDayHint')} />
    </>
  );
}

export function PlaceFields(props: { values: OccurrenceFormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const { t } = words();
  return (
    <>
      <TextField label={t('event.where')} name="location" value={values.location} error={errors.location} maxlength={EVENT_LOCATION_MAX} hint={t('event.optional')} />
      <FieldShell id="f-note" label={t('event.note')} hint={t('event.optional')} error={errors.note}>
        <textarea id="f-note" name="note" rows={3} maxlength={EVENT_NOTE_MAX} aria-invalid={errors.note ? 'true' : undefined} aria-describedby={describedBy('f-note', t('event.optional'), errors.note)}>
          {values.note}
        </textarea>
      </FieldShell>
    </>
  );
}

/** How often it repeats and until when. */
export function RepeatFields(props: { values: EventFormValues; errors: FieldErrors; weekStart: WeekStart }) {
  const { values, errors } = props;
  const i18n = words();
  const { t } = i18n;
  const codes = props.weekStart === 'sunday' ? [WEEKDAY_CODES[6], ...WEEKDAY_CODES.slice(0, 6)] : [...WEEKDAY_CODES];
  const days = codes.map((code) => ({ value: code, label: i18n.weekdayName(WEEKDAY_CODES.indexOf(code) + 1, 'short') }));
  return (
    <fieldset class="cal-repeat">
      <legend>{t('event.repeat')}</legend>
      <SelectField label={t('event.howOften')} name="repeat" value={values.repeat} options={REPEATS.map((r) => ({ value: r.value, label: t(r.label) }))} error={errors.repeat} />
      <CheckboxGroup
        legend={t('event.onDays')}
        name="repeat_days"
        options={days}
        checked={values.repeat_days}
        error={errors.repeat_days}
        hint={t('event.onDaysHint')}
        inline
      />
      <TextField label={t('event.until')} name="repeat_until" type="date" value={values.repeat_until} error={errors.repeat_until} hint={t('event.untilHint')} />
      <TextField
        label={t('event.count')}
        name="repeat_count"
        type="number"
        inputmode="numeric"
        min={1}
        max={REPEAT_COUNT_MAX}
        value={values.repeat_count}
        error={errors.repeat_count}
        hint={t('event.countHint')}
      />
    </fieldset>
  );
}

/** Who it is for: members and named people as checkboxes, or a name. */
export function WhoFields(props: { values: EventFormValues; errors: FieldErrors; options: readonly WhoOption[] }) {
  const { values, errors } = props;
  const known = new Set(props.options.map((o) => o.value));
  const names = values.who.filter((w) => !known.has(w) && !/^(member|person):\d+$/.test(w) && w.trim() !== '');
  const { t } = words();
  return (
    <fieldset class="cal-who">
      <legend>{t('event.who')}</legend>
      {props.options.length > 0 ? (
        <div class="cal-checks is-inline">
          {props.options.map((o) => (
            <label class="cal-check">
              <input type="checkbox" name="who" value={o.value} checked={values.who.includes(o.value)} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      ) : null}
      {(names.length > 0 ? names : ['']).map((name, i) => (
        <div class="field">
          <label for={`f-who-name-${i}`}>{i === 0 ? t('event.someoneElse') : t('event.and')}</label>
          <input id={`f-who-name-${i}`} name="who" type="text" value={name} maxlength={WHO_NAME_MAX} placeholder={t('event.whoPlaceholder')} aria-describedby={errors.who ? 'f-who-error' : undefined} />
        </div>
      ))}
      {errors.who ? (
        <p class="field-error" id="f-who-error" role="alert">
          {errors.who}
        </p>
      ) : null}
    </fieldset>
  );
}
