import type { Child } from 'hono/jsx';
import { describedBy, FieldShell, SelectField } from '../views/form.js';
import type { Dashboard } from '../dashboards/tables.js';
import type { Translate } from '../i18n/i18n.js';
import { imageMessages, MAX_OUTPUT_SIDE, MAX_UPLOAD_BYTES, megabytesUp } from '../images/process-image.js';

// Form pieces the admin pages need beyond views/form.tsx: a multi-line box,
// an icon with suggestions, and a picture upload that shows the current one.

export function TextareaField(props: { label: string; name: string; value?: string; hint?: Child; error?: string | undefined; rows?: number; maxlength?: number; required?: boolean; placeholder?: string }) {
  const id = `f-${props.name}`;
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 6}
        maxlength={props.maxlength}
        required={props.required}
        placeholder={props.placeholder}
        autocapitalize="words"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

/** Which dashboard a chore or countdown is on: a choice only when there is one to make. */
export function DashboardField(props: { dashboards: readonly Dashboard[]; value: string; error?: string | undefined; t: Translate }) {
  if (props.dashboards.length > 1 || props.error) {
    return <SelectField label={props.t('manage.dashboard')} name="dashboard_id" value={props.value} options={props.dashboards.map((d) => ({ value: d.id, label: d.name }))} error={props.error} />;
  }
  return <input type="hidden" name="dashboard_id" value={props.value} />;
}

export function IconField(props: { value: string; error?: string | undefined; suggestions: readonly string[]; t: Translate }) {
  const id = 'f-icon';
  const hint = props.t('manage.iconHint', { ideas: props.suggestions.join(' ') });
  return (
    <FieldShell id={id} label={props.t('manage.icon')} hint={hint} error={props.error}>
      <input id={id} name="icon" type="text" value={props.value} maxlength={32} list="icon-suggestions" class="icon-input" aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy(id, hint, props.error)} />
      <datalist id="icon-suggestions">
        {props.suggestions.map((icon) => (
          <option value={icon} />
        ))}
      </datalist>
    </FieldShell>
  );
}

/** The picture upload: JPEG, PNG, GIF or WebP up to 5 MB; on an edit, the current picture with a way to remove it. */
export function PictureField(props: { slug: string; imageId: number | null; error?: string | undefined; chooseAgain?: boolean; t: Translate }) {
  const { t } = props;
  const id = 'f-image';
  const hint = props.chooseAgain ? t('manage.pictureChooseAgain') : t('manage.pictureHint', { megabytes: megabytesUp(MAX_UPLOAD_BYTES) });
  return (
    <FieldShell id={id} label={props.imageId ? t('manage.pictureReplace') : t('manage.picture')} hint={hint} error={props.error}>
      {props.imageId ? <img class="picture-preview" src={`/${props.slug}/images/${props.imageId}`} alt={t('manage.pictureCurrent')} width={96} height={96} /> : null}
      {/* forms.js shrinks a chosen photo to what is stored anyway before it is sent. The accept list makes an iPhone hand over a JPEG. */}
      <input
        id={id}
        name="image"
        type="file"
        accept="image/jpeg,image/png,image/gif,image/webp"
        data-shrink-to={MAX_OUTPUT_SIDE}
        data-max-bytes={MAX_UPLOAD_BYTES}
        data-heic-message={imageMessages(t).heic}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, props.error)}
      />
      {props.imageId ? (
        <p class="checkbox-line">
          <input type="checkbox" id="f-remove_image" name="remove_image" value="on" /> <label for="f-remove_image">{t('manage.pictureRemove')}</label>
        </p>
      ) : null}
    </FieldShell>
  );
}

/** How an item's icon looks in admin lists: its picture if it has one, else its emoji. */
export function ItemIcon(props: { slug: string; icon: string; imageId: number | null }) {
  if (props.imageId) return <img class="item-picture" src={`/${props.slug}/images/${props.imageId}`} alt="" width={40} height={40} />;
  return (
    <span class="item-icon" aria-hidden="true">
      {props.icon || '•'}
    </span>
  );
}
