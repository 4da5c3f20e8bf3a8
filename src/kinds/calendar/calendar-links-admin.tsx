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

export function CalendarLinksSection(props: { slug: string; links: readonly CalendarLinkItem[]; newLink?: NewCalendarLink | undefined; label: string; error?: string | undefined }) {
  const base = `/${props.slug}/manage/calendar/links`;
  return (
    <section class="card" aria-labelledby="calendar-links-heading">
      <h2 id="calendar-links-heading">The family's calendar on your phone</h2>
      <p>
        A private address lets phones and other calendars (Google, Apple, Outlook) subscribe to the family's own events and birthdays. Anyone with the address can
        see them, so treat it like a key; turn it off if it got into the wrong hands.
      </p>
      {props.newLink ? (
        <div class="notice new-link" role="status">
          <p>
            <strong>{props.newLink.label ? `The address for "${props.newLink.label}"` : 'The new address'}</strong> is shown only now. Copy it into your calendar app
            (“Add calendar” → “From URL” or “Subscribe”):
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
                <strong>{link.label || 'Calendar address'}</strong> <span class="muted">· made {link.created_at.slice(0, 10)}</span>
                {link.revoked_at ? <span class="muted"> · turned off {link.revoked_at.slice(0, 10)}</span> : null}
              </span>{' '}
              {link.revoked_at ? (
                <ActionButton action={`${base}/${link.id}/delete`} label="Remove" />
              ) : (
                <ActionButton action={`${base}/${link.id}/revoke`} label="Turn off" danger confirm={`Turn off "${link.label || 'Calendar address'}"? Calendars subscribed to it stop getting updates.`} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action={base}>
        <FormProblem message={props.error ? 'No address was made. Please check the field marked below.' : undefined} />
        <TextField label="Label (optional)" name="label" value={props.label} maxlength={LINK_LABEL_MAX} placeholder="e.g. Mum's phone" hint="Only for you, to tell addresses apart." error={props.error} />
        <button class="button" type="submit">
          Make a calendar address
        </button>
      </form>
    </section>
  );
}
