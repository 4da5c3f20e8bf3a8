import type { FamilyDb } from '../../tenants/family-database.js';
import type { HubPart } from '../kind.js';
import { ItemIcon } from '../../manage/fields.js';
import { familyDate } from '../chores/turns.js';
import { countdownWhen, listCountdowns } from './queries.js';
import { describeDays, sortByDaysRemaining } from './countdown.js';
import type { Countdown } from './tables.js';

// The countdowns of each dashboard on the manage hub, soonest first; past
// one-off dates last, so they can be found and deleted.

export const countdownsHub: HubPart<Countdown[]> = {
  load: (db: FamilyDb) => listCountdowns(db),
  count: (countdowns, dashboardId) => countdowns.filter((c) => c.dashboard_id === dashboardId).length,
  list(countdowns, dashboard, slug, settings, today, i18n) {
    const mine = countdowns.filter((c) => c.dashboard_id === dashboard.id);
    const slots = sortByDaysRemaining(mine, countdownWhen, today, { includePast: true });
    return (
      <ul class="item-list">
        {slots.map(({ item, date, days, past }) => (
          <li class={past ? 'item past' : 'item'}>
            <ItemIcon slug={slug} icon={item.icon} imageId={item.image_id} />
            <span class="item-text">
              <a href={`/${slug}/manage/countdowns/${item.id}`}>{item.name}</a>
              <span class="muted">
                <strong>{describeDays(days, i18n.t)}</strong> · {familyDate(date, settings.date_format, i18n)}
                {item.kind === 'yearly' ? ` · ${i18n.t('countdowns.everyYear')}` : ''}
                {past ? ` · ${i18n.t('countdowns.pastHidden')}` : ''}
              </span>
            </span>
          </li>
        ))}
      </ul>
    );
  },
};
