import type { FieldErrors } from '../../views/form.js';
import type { Translate } from '../../i18n/i18n.js';
import { CheckboxField, SelectField, TextField } from '../../views/form.js';
import { MONTH_NAMES } from '../../calendar/civil-date.js';
import { COUNTDOWN_KINDS } from './countdown-fields.js';
import { DashboardField, IconField, PictureField } from '../../manage/fields.js';
import { COUNTDOWN_ICONS, ITEM_NAME_MAX } from '../../manage/item-fields.js';
import type { Dashboard } from '../../dashboards/tables.js';

export interface CountdownFormValues {
  name: string;
  icon: string;
  dashboard_id: string;
  kind: string;
  year: string;
  month: string;
  day: string;
}

/** A one-off date in the past was asked about: the box that confirms it, ticked or not. */
export interface PastDateQuestion {
  confirmed: boolean;
  label: string;
}

const MONTHS = MONTH_NAMES.map((name, i) => ({ value: i + 1, label: name }));

/** The fields of a countdown. Month and day always; the year only counts for a one-off date. */
export function CountdownFields(props: { slug: string; values: CountdownFormValues; errors: FieldErrors; dashboards: readonly Dashboard[]; imageId: number | null; chooseImageAgain: boolean; askPast?: PastDateQuestion | undefined; t: Translate }) {
  const { values, errors } = props;
  return (
    <>
      <TextField label="Counting down to" name="name" value={values.name} error={errors.name} required maxlength={ITEM_NAME_MAX} placeholder="e.g. Estelle's birthday" />
      <IconField value={values.icon} error={errors.icon} suggestions={COUNTDOWN_ICONS} t={props.t} />
      <DashboardField dashboards={props.dashboards} value={values.dashboard_id} error={errors.dashboard_id} t={props.t} />
      <SelectField label="How often" name="kind" value={values.kind} options={COUNTDOWN_KINDS} error={errors.kind} />
      <fieldset class="date-fields">
        <legend>Date</legend>
        <SelectField label="Month" name="month" value={values.month} options={MONTHS} error={errors.month} />
        <TextField label="Day" name="day" type="number" value={values.day} error={errors.day} required min={1} max={31} inputmode="numeric" />
        <TextField
          label="Year"
          name="year"
          type="number"
          value={values.year}
          error={errors.year}
          min={1900}
          max={2200}
          inputmode="numeric"
          hint="Only for a one-off date. A date that comes back every year needs no year; 29 February is then counted on 28 February in other years."
        />
        {props.askPast ? <CheckboxField label={props.askPast.label} name="confirm_past" checked={props.askPast.confirmed} /> : null}
      </fieldset>
      {/* Last: a form's file comes after its other fields, so a body cut off at the size limit still carries them. */}
      <PictureField slug={props.slug} imageId={props.imageId} error={errors.image} chooseAgain={props.chooseImageAgain} t={props.t} />
    </>
  );
}
