import type { FieldErrors } from '../views/form.js';
import { TextField, SelectField } from '../views/form.js';
import type { Translate } from '../i18n/i18n.js';
import { MEMBER_AVATARS, MEMBER_COLORS, roleOptions } from './member-fields.js';

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
export function MemberFields(props: { values: MemberFormValues; errors: FieldErrors; isNew: boolean; showRole: boolean; t: Translate }) {
  const { values, errors, t } = props;
  return (
    <>
      <TextField label={t('members.displayName')} name="display_name" value={values.display_name} error={errors.display_name} required maxlength={40} />
      {props.isNew ? (
        <TextField label={t('accounts.username')} name="username" value={values.username} error={errors.username} required maxlength={32} autocomplete="off" hint={t('members.usernameHint')} />
      ) : null}
      {props.showRole ? <SelectField label={t('members.role')} name="role" value={values.role ?? 'member'} options={roleOptions(t)} hint={t('members.rolesHint')} error={errors.role} /> : null}
      <TextField label={t('members.color')} name="color" type="color" value={values.color ?? MEMBER_COLORS[0]} error={errors.color} />
      <TextField
        label={t('members.avatar')}
        name="avatar"
        value={values.avatar ?? MEMBER_AVATARS[0]}
        error={errors.avatar}
        required
        maxlength={32}
        list="avatar-suggestions"
        hint={t('members.avatarHint')}
      />
      <datalist id="avatar-suggestions">
        {MEMBER_AVATARS.map((a) => (
          <option value={a} />
        ))}
      </datalist>
      {props.isNew ? null : (
        <TextField
          label={t('members.birthDate')}
          name="birth_date"
          type="date"
          value={values.birth_date ?? ''}
          error={errors.birth_date}
          hint={t('members.birthDateHint')}
        />
      )}
      {props.isNew ? (
        <TextField label={t('accounts.password')} name="password" type="password" error={errors.password} required minlength={8} maxlength={256} autocomplete="new-password" hint={t('members.passwordHint', { count: 8 })} />
      ) : null}
    </>
  );
}
