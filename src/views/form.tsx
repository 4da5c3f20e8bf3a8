import type { Child } from 'hono/jsx';

// Form pieces shared by every page: a label, the field, a hint and the
// message at the field that is wrong, wired for screen readers.

export type FieldErrors = Partial<Record<string, string>>;

/** Whether any field has a message: then nothing is saved and the form is shown again. */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

interface BaseProps {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: Child;
  id?: string;
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** A field's label, hint and error around any control (inputs here; textareas and pickers in the admin pages). */
export function FieldShell(props: { id: string; label: string; hint?: Child; error?: string | undefined; children: Child }) {
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <div class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.children}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends BaseProps {
  value?: string | number | null | undefined;
  type?: 'text' | 'password' | 'number' | 'color' | 'time' | 'date' | 'url';
  required?: boolean;
  maxlength?: number;
  minlength?: number;
  min?: number;
  max?: number;
  autocomplete?: string;
  placeholder?: string;
  pattern?: string;
  autofocus?: boolean;
  inputmode?: 'search' | 'text' | 'decimal' | 'numeric' | 'url' | 'none' | 'email' | 'tel';
  list?: string;
}

export function TextField(props: TextFieldProps) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <FieldShell {...props} id={id}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value ?? undefined}
        required={props.required}
        maxlength={props.maxlength}
        minlength={props.minlength}
        min={props.min}
        max={props.max}
        autocomplete={props.autocomplete}
        placeholder={props.placeholder}
        pattern={props.pattern}
        autofocus={props.autofocus}
        inputmode={props.inputmode}
        list={props.list}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldShell>
  );
}

export interface SelectFieldProps extends BaseProps {
  value?: string | number | null | undefined;
  options: readonly { value: string | number; label: string }[];
  required?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <FieldShell {...props} id={id}>
      <select id={id} name={props.name} required={props.required} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy(id, props.hint, props.error)}>
        {props.options.map((o) => (
          <option value={String(o.value)} selected={String(o.value) === String(props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(props: { label: string; name: string; checked?: boolean; hint?: Child; id?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class="field checkbox">
      <input type="checkbox" id={id} name={props.name} checked={props.checked} aria-describedby={props.hint ? `${id}-hint` : undefined} />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A message that something went through ("Saved."), read out by screen readers. */
export function Notice(props: { message?: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="notice" role="status">
      {props.message}
    </p>
  );
}

/** A message above a form that did not go through. */
export function FormProblem(props: { message?: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="form-problem" role="alert">
      {props.message}
    </p>
  );
}

/** A one-button form for an action (sign out, delete, revoke): POST, never GET. */
export function ActionButton(props: { action: string; label: string; danger?: boolean; confirm?: string; fields?: Record<string, string | number> }) {
  return (
    <form method="post" action={props.action} class="inline-form" data-confirm={props.confirm}>
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={String(value)} />
      ))}
      <button type="submit" class={props.danger ? 'button danger' : 'button secondary'}>
        {props.label}
      </button>
    </form>
  );
}
