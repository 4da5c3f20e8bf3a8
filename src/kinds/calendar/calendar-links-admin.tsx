import type { Translate } from '../../i18n/i18n.js';
import { ActionButton, FormProblem, TextField } from '../../views/form.js';
import type { CalendarLinkItem } from './event-queries.js';

// The private iCalendar address on /manage/calendar: phones and other
// calendars (Google, Apple, Outlook) subscribe to it and show the family's own
// events and birthdays. Like a display link it is a key: the full address is
// shown once, when it is made, and can be turned off at any time.

export const LINK_LABEL_MAX = 60;

export interface NewCalendarLink {
  url: string;
  label: string;
}

export function CalendarLinksSection(props: { slug: string; links: readonly CalendarLinkItem[]; newLink?: NewCalendarLink | undefined; label: string; error?: string | undefined; t: Translate }) {
  const base = `/${props.slug}/manage/calendar/links`;
  const { t } = props;
  return (
    <section class="card" aria-labelledby="calendar-links-heading">
      <h2 id="calendar-links-heading">{t('links.heading')}</h2>
      <p>{t('links.lead')}</p>
      {props.newLink ? (
        <div class="notice new-link" role="status">
          <p>
            <strong>{props.newLink.label ? t('links.addressFor', { label: props.newLink.label }) : t('links.newAddress')}</strong> {t('links.shownOnce')}
          </p>
          <p>
            <code class="copyable">{props.newLink.url}</code>
          </p>
        </div>
      ) : null}
      {props.links.length > 0 ? (
        <ul class="plain-list calendar-links">
          {props.links.map((link) => (
            <li>
              <span class="link-text">
                <strong>{link.label || t('links.address')}</strong> <span class="muted">· {t('links.made', { date: link.created_at.slice(0, 10) })}</span>
                {link.revoked_at ? <span class="muted"> · {t('links.turnedOff', { date: link.revoked_at.slice(0, 10) })}</span> : null}
              </span>{' '}
              {link.revoked_at ? (
                <ActionButton action={`${base}/${link.id}/delete`} label={t('links.remove')} />
              ) : (
                <ActionButton action={`${base}/${link.id}/revoke`} label={t('links.turnOff')} danger confirm={t('links.turnOffConfirm', { label: link.label || t('links.address') })} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action={base}>
        <FormProblem message={props.error ? t('links.notMade') : undefined} />
        <TextField label={t('links.label')} name="label" value={props.label} maxlength={LINK_LABEL_MAX} placeholder={t('links.labelPlaceholder')} hint={t('links.labelHint')} error={props.error} />
        <button class="button" type="submit">
          {t('links.make')}
        </button>
      </form>
    </section>
  );
}
