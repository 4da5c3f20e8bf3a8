import type { FieldErrors } from '../views/form.js';
import { TextField, SelectField } from '../views/form.js';
import { MEMBER_AVATARS, MEMBER_COLORS, ROLES, ROLES_HINT } from './member-fields.js';

export interface MemberFormValues {
  display_name?: string;
  username?: string;
  role?: string;
  color?: string;
  avatar?: string;
  /** YYYY-MM-DD or empty: for the calendar's birthdays. */
  birth_date?: string;
}

/** The fields of a member, for adding one (with username and password) or editing one. */
export function MemberFields(props: { values: MemberFormValues; errors: FieldErrors; isNew: boolean; showRole: boolean }) {
  const { values, errors } = props;
  return (
    <>
      <TextField label="Name on the dashboard" name="display_name" value={values.display_name} error={errors.display_name} required maxlength={40} />
      {props.isNew ? (
        <TextField label="Username" name="username" value={values.username} error={errors.username} required maxlength={32} autocomplete="off" hint="For signing in. Letters, digits, dots, dashes; not case-sensitive." />
      ) : null}
      {props.showRole ? <SelectField label="Role" name="role" value={values.role ?? 'member'} options={ROLES} hint={ROLES_HINT} error={errors.role} /> : null}
      <TextField label="Colour" name="color" type="color" value={values.color ?? MEMBER_COLORS[0]} error={errors.color} />
      <TextField
        label="Avatar"
        name="avatar"
        value={values.avatar ?? MEMBER_AVATARS[0]}
        error={errors.avatar}
        required
        maxlength={32}
        list="avatar-suggestions"
        hint="One emoji, or initials."
      />
      <datalist id="avatar-suggestions">
        {MEMBER_AVATARS.map((a) => (
          <option value={a} />
        ))}
      </datalist>
      {props.isNew ? null : (
        <TextField
          label="Date of birth"
          name="birth_date"
          type="date"
          value={values.birth_date ?? ''}
          error={errors.birth_date}
          hint="Optional. The calendar then shows the birthday (“Lily turns 9”)."
        />
      )}
      {props.isNew ? (
        <TextField label="Password" name="password" type="password" error={errors.password} required minlength={8} maxlength={256} autocomplete="new-password" hint="At least 8 characters. They can change it later." />
      ) : null}
    </>
  );
}
