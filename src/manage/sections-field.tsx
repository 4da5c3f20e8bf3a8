import { useRequestContext } from 'hono/jsx-renderer';
import type { FamilyEnv } from '../http/env.js';
import type { FormBody } from '../http/form.js';
import { field, fields } from '../http/form.js';
import { describedBy } from '../views/form.js';
import { CARD_KINDS, kindsOfDashboard } from '../kinds/index.js';
import type { Translate } from '../i18n/i18n.js';

// Which kinds of card a dashboard shows, and in what order (a kitchen
// dashboard may show chores first, the kids' room countdowns first). Sent as
// checkboxes named `sections` (the kind's name as value) and, per kind, a
// place `position_<kind>` (1 = first). Stored as the kinds' names joined by
// commas in dashboards.sections.

/**
 * The form's choice as the column's value; a message when nothing is chosen
 * or a kind is unknown. A form without the field at all (no box and no place
 * sent: a script, an older page) keeps `current`.
 */
export function readSections(body: FormBody, current: string, t: Translate): { ok: true; sections: string } | { ok: false; message: string } {
  const chosen = fields(body, 'sections');
  if (chosen.length === 0 && !Object.keys(body).some((name) => name.startsWith('position_'))) return { ok: true, sections: current };
  if (chosen.length === 0) return { ok: false, message: t('manage.sectionsMissing') };
  if (chosen.some((name) => !CARD_KINDS.some((kind) => kind.name === name))) return { ok: false, message: t('manage.sectionsUnknown') };
  const place = (name: string) => {
    const n = Number(field(body, `position_${name}`));
    return Number.isInteger(n) && n >= 1 && n <= CARD_KINDS.length ? n : CARD_KINDS.length + 1;
  };
  const registryOrder = (name: string) => CARD_KINDS.findIndex((kind) => kind.name === name);
  const names = [...new Set(chosen)].sort((a, b) => place(a) - place(b) || registryOrder(a) - registryOrder(b));
  return { ok: true, sections: names.join(',') };
}

/** The checkboxes and places of every kind: those shown first, in their order, then the others. */
export function SectionsField(props: { sections: string; error?: string | undefined; t: Translate }) {
  const { t } = props;
  const shown = kindsOfDashboard(props.sections);
  const i18n = useRequestContext<FamilyEnv>().var.i18n;
  const listed = [...shown, ...CARD_KINDS.filter((kind) => !shown.includes(kind))];
  const hint = t('manage.sectionsHint');
  const id = 'f-sections';
  return (
    <fieldset class={props.error ? 'sections-field has-error' : 'sections-field'} aria-describedby={describedBy(id, hint, props.error)}>
      <legend>{t('manage.sections')}</legend>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {listed.map((kind, i) => (
        <div class="section-choice">
          <input type="checkbox" id={`${id}-${kind.name}`} name="sections" value={kind.name} checked={shown.includes(kind)} />
          <label for={`${id}-${kind.name}`}>{kind.title(i18n.t)}</label>
          <label class="visually-hidden" for={`f-position_${kind.name}`}>
            {t('manage.sectionPlace', { kind: kind.title(t) })}
          </label>
          <select id={`f-position_${kind.name}`} name={`position_${kind.name}`}>
            {CARD_KINDS.map((_, place) => (
              <option value={String(place + 1)} selected={place === i}>
                {place + 1}
              </option>
            ))}
          </select>
        </div>
      ))}
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
