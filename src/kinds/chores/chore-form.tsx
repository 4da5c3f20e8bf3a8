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

function RotationHint(props: { members: readonly RotationMember[] }) {
  return (
    <>
      <p>
        One name per line, in the order they take turns. The same person may appear more than once (e.g. twice as often). Up to {MAX_ROTATION_LENGTH} lines.
      </p>
      <p>
        A line with a family member's name, or <code>@username</code>, is that member. Any other line is just a name, for someone without an account (a guest, a pet, "Everyone").
      </p>
      {props.members.length ? (
        <p>
          Members:{' '}
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
  return (
    <>
      <TextField label="Chore" name="name" value={values.name} error={errors.name} required maxlength={ITEM_NAME_MAX} placeholder="e.g. Empty the dishwasher" />
      <IconField value={values.icon} error={errors.icon} suggestions={CHORE_ICONS} t={props.t} />
      <DashboardField dashboards={props.dashboards} value={values.dashboard_id} error={errors.dashboard_id} t={props.t} />
      <TextareaField
        label="Who takes turns"
        name="rotation"
        value={values.rotation}
        error={errors.rotation}
        rows={Math.min(12, Math.max(4, values.rotation.split('\n').length + 1))}
        maxlength={ROTATION_TEXT_MAX}
        placeholder={(example.length ? example : ['Estelle', 'Josephine']).join('\n')}
        hint={<RotationHint members={props.members} />}
      />
      <SelectField
        label="When does the turn move on?"
        name="mode"
        value={values.mode}
        options={ROTATION_MODES}
        error={errors.mode}
        hint={'Every day: at midnight in the family\'s time zone. Every Monday: for weekly jobs. When marked done: the next person\'s turn starts once it is ticked off.'}
      />
      {props.isNew ? (
        <TextField
          label="First turn on"
          name="start_date"
          type="date"
          value={values.start_date}
          error={errors.start_date}
          hint="The first person on the list has the turn on this day; the turn then moves on from there."
        />
      ) : (
        <>
          <p class="hint">
            If you add, remove or reorder people, whoever has the turn now keeps it where possible; the page says who has it after you save.
          </p>
          <TextField
            label="Start again from the top on (optional)"
            name="restart_date"
            type="date"
            value={values.restart_date}
            error={errors.restart_date}
            hint="Leave empty to carry on. With a date, the first person on the list has the turn on that day."
          />
        </>
      )}
      {/* Last: a form's file comes after its other fields, so a body cut off at the size limit still carries them. */}
      <PictureField slug={props.slug} imageId={props.imageId} error={errors.image} chooseAgain={props.chooseImageAgain} t={props.t} />
    </>
  );
}
