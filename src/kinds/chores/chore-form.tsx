import type { FieldErrors } from '../../views/form.js';
import type { Translate } from '../../i18n/i18n.js';
import { SelectField, TextField } from '../../views/form.js';
import { ROTATION_MODES, MAX_ROTATION_LENGTH } from './rotation.js';
import { ROTATION_TEXT_MAX, type RotationMember } from './rotation-text.js';
import { DashboardField, IconField, PictureField, TextareaField } from '../../manage/fields.js';
import { CHORE_ICONS, ITEM_NAME_MAX } from '../../manage/item-fields.js';
import type { Dashboard } from '../../dashboards/tables.js';

export interface ChoreFormValues {
  name: string;
  icon: string;
  dashboard_id: string;
  mode: string;
  rotation: string;
  /** New chores: the day the first person has the turn. */
  start_date: string;
  /** Edits: start again from the first person on this day (optional). */
  restart_date: string;
}

function RotationHint(props: { members: readonly RotationMember[]; t: Translate }) {
  const { t } = props;
  return (
    <>
      <p>{t('chores.rotationHint', { count: MAX_ROTATION_LENGTH })}</p>
      <p>{t('chores.rotationHintNames')}</p>
      {props.members.length ? (
        <p>
          {t('chores.members')}{' '}
          {props.members.map((m, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <span class="member-hint">
                {m.display_name} <span class="muted">(@{m.username})</span>
              </span>
            </>
          ))}
        </p>
      ) : null}
    </>
  );
}

/** The fields of a chore. Works without JavaScript: the rotation is a plain box, one name per line. */
export function ChoreFields(props: {
  slug: string;
  values: ChoreFormValues;
  errors: FieldErrors;
  dashboards: readonly Dashboard[];
  members: readonly RotationMember[];
  isNew: boolean;
  imageId: number | null;
  chooseImageAgain: boolean;
  t: Translate;
}) {
  const { values, errors } = props;
  const example = props.members.slice(0, 3).map((m) => m.display_name);
  const { t } = props;
  return (
    <>
      <TextField label={t('chores.name')} name="name" value={values.name} error={errors.name} required maxlength={ITEM_NAME_MAX} placeholder={t('chores.namePlaceholder')} />
      <IconField value={values.icon} error={errors.icon} suggestions={CHORE_ICONS} t={props.t} />
      <DashboardField dashboards={props.dashboards} value={values.dashboard_id} error={errors.dashboard_id} t={props.t} />
      <TextareaField
        label={t('chores.whoTakesTurns')}
        name="rotation"
        value={values.rotation}
        error={errors.rotation}
        rows={Math.min(12, Math.max(4, values.rotation.split('\n').length + 1))}
        maxlength={ROTATION_TEXT_MAX}
        placeholder={(example.length ? example : ['Estelle', 'Josephine']).join('\n')}
        hint={<RotationHint members={props.members} t={t} />}
      />
      <SelectField
        label={t('chores.whenMovesOn')}
        name="mode"
        value={values.mode}
        options={ROTATION_MODES.map((m) => ({ value: m.value, label: t(m.label) }))}
        error={errors.mode}
        hint={t('chores.whenMovesOnHint')}
      />
      {props.isNew ? (
        <TextField
          label={t('chores.firstTurnOn')}
          name="start_date"
          type="date"
          value={values.start_date}
          error={errors.start_date}
          hint={t('chores.firstTurnOnHint')}
        />
      ) : (
        <>
          <p class="hint">{t('chores.reorderHint')}</p>
          <TextField
            label={t('chores.restartOn')}
            name="restart_date"
            type="date"
            value={values.restart_date}
            error={errors.restart_date}
            hint={t('chores.restartOnHint')}
          />
        </>
      )}
      {/* Last: a form's file comes after its other fields, so a body cut off at the size limit still carries them. */}
      <PictureField slug={props.slug} imageId={props.imageId} error={errors.image} chooseAgain={props.chooseImageAgain} t={props.t} />
    </>
  );
}
