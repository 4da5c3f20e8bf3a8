import type { Translate } from '../../i18n/i18n.js';
import type { CivilDate } from '../../calendar/civil-date.js';
import type { FamilyDb } from '../../tenants/family-database.js';
import type { HubPart } from '../kind.js';
import { ItemIcon } from '../../manage/fields.js';
import { ROTATION_MODES } from './rotation.js';
import { entryLabel, listChoresWithEntries, type ChoreWithEntries } from './queries.js';
import { currentTurn, nowWord } from './turns.js';

// The chores of each dashboard on the manage hub: whose turn it is now, and how the rotation turns.

function ChoreItem(props: { slug: string; chore: ChoreWithEntries; today: CivilDate; t: Translate }) {
  const { chore, slug, t } = props;
  const now = currentTurn(chore, props.today);
  const mode = ROTATION_MODES.find((m) => m.value === chore.mode);
  return (
    <li class="item">
      <ItemIcon slug={slug} icon={chore.icon} imageId={chore.image_id} />
      <span class="item-text">
        <a href={`/${slug}/manage/chores/${chore.id}`}>{chore.name}</a>
        <span class="muted">
          {now ? (
            <>
              {nowWord(chore.mode, t)}: <strong>{entryLabel(now)}</strong> ·{' '}
            </>
          ) : null}
          {mode ? t(mode.label) : chore.mode} · {t('chores.turnsInRotation', { count: chore.entries.length })}
        </span>
      </span>
    </li>
  );
}

export const choresHub: HubPart<ChoreWithEntries[]> = {
  load: (db: FamilyDb) => listChoresWithEntries(db),
  count: (chores, dashboardId) => chores.filter((c) => c.dashboard_id === dashboardId).length,
  list: (chores, dashboard, slug, _settings, today, i18n) => (
    <ul class="item-list">
      {chores
        .filter((c) => c.dashboard_id === dashboard.id)
        .map((chore) => (
          <ChoreItem slug={slug} chore={chore} today={today} t={i18n.t} />
        ))}
    </ul>
  ),
};
