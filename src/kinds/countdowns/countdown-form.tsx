import type { FieldErrors } from '../../views/form.js';
import type { Translate } from '../../i18n/i18n.js';
import { CheckboxField, SelectField, TextField } from '../../views/form.js';
import { i18nFor } from '../../i18n/i18n.js';
import { isLanguage } from '../../i18n/languages.js';
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


/** The fields of a countdown. Month and day always; the year only counts for a one-off date. */
export function CountdownFields(props: { slug: string; values: CountdownFormValues; errors: FieldErrors; dashboards: readonly Dashboard[]; imageId: number | null; chooseImageAgain: boolean; askPast?: PastDateQuestion | undefined; t: Translate }) {
  const { values, errors, t } = props;
  // Month names by Intl in the reader's language (the catalog says which).
  const language = t('language.locale').slice(0, 2);
  const i18n = i18nFor(isLanguage(language) ? language : 'en');
  const months = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: i18n.monthName(i + 1) }));
  return (
    <>
      <TextField label={t('countdowns.name')} name="name" value={values.name} error={errors.name} required maxlength={ITEM_NAME_MAX} placeholder={t('countdowns.namePlaceholder')} />
      <IconField value={values.icon} error={errors.icon} suggestions={COUNTDOWN_ICONS} t={props.t} />
      <DashboardField dashboards={props.dashboards} value={values.dashboard_id} error={errors.dashboard_id} t={props.t} />
      <SelectField label={t('event.howOften')} name="kind" value={values.kind} options={COUNTDOWN_KINDS.map((k) => ({ value: k.value, label: t(k.label) }))} error={errors.kind} />
      <fieldset class="date-fields">
        <legend>{t('countdowns.date')}</legend>
        <SelectField label={t('countdowns.month')} name="month" value={values.month} options={months} error={errors.month} />
        <TextField label={t('event.day')} name="day" type="number" value={values.day} error={errors.day} required min={1} max={31} inputmode="numeric" />
        <TextField
          label={t('countdowns.year')}
          name="year"
          type="number"
          value={values.year}
          error={errors.year}
          min={1900}
          max={2200}
          inputmode="numeric"
          hint={t('countdowns.yearHint')}
        />
        {props.askPast ? <CheckboxField label={props.askPast.label} name="confirm_past" checked={props.askPast.confirmed} /> : null}
      </fieldset>
      {/* Last: a form's file comes after its other fields, so a body cut off at the size limit still carries them. */}
      <PictureField slug={props.slug} imageId={props.imageId} error={errors.image} chooseAgain={props.chooseImageAgain} t={props.t} />
    </>
  );
}
