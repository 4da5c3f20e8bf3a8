import type { DashboardQuery } from '../kind.js';
import type { Chore, ChoreMode } from './tables.js';

// What a dashboard's chore cards are built from, read in the dashboard's one
// statement (src/dashboards/dashboard-queries.ts). Each table comes back as a
// JSON array: JSON.parse builds rows far faster than the driver builds objects.

/** The columns of a chore that a dashboard shows. */
export type DashboardChoreRow = Pick<Chore, 'id' | 'position' | 'name' | 'icon' | 'image_id' | 'mode' | 'anchor_day' | 'turn_offset'>;

/** One place in a rotation, with the member's look when the entry is a member. */
export interface RotationEntryRow {
  id: number;
  chore_id: number;
  member_id: number | null;
  name: string | null;
  member_name: string | null;
  member_color: string | null;
  member_avatar: string | null;
  member_image_id: number | null;
}

/** Who did a chore today. */
export interface TodaysCompletionRow {
  chore_id: number;
  done_by_member_id: number | null;
  done_by_name: string;
}

export interface ChoreRows {
  chores: DashboardChoreRow[];
  entries: RotationEntryRow[];
  completions: TodaysCompletionRow[];
}

type Json<T extends unknown[]> = T[];

export const choreDashboardQuery: DashboardQuery<ChoreRows> = {
  columns: [
    `select json_group_array(json_array(id, position, name, icon, image_id, mode, anchor_day, turn_offset) order by position, id)
       from chores where dashboard_id = :dashboard`,
    `select json_group_array(json_array(id, chore_id, member_id, name) order by chore_id, position, id)
       from chore_entries where chore_id in (select id from chores where dashboard_id = :dashboard)`,
    `select json_group_array(json_array(id, display_name, color, avatar, image_id))
       from members where id in (select member_id from chore_entries where chore_id in (select id from chores where dashboard_id = :dashboard))`,
    `select json_group_array(json_array(cc.chore_id, cc.done_by_member_id, cc.done_by_name) order by cc.id)
       from chore_completions cc join chores c on c.id = cc.chore_id where c.dashboard_id = :dashboard and cc.day = :day`,
  ],
  read([choresJson, entriesJson, membersJson, completionsJson]) {
    const chores = (JSON.parse(choresJson!) as Json<[number, number, string, string, number | null, ChoreMode, number, number]>).map(
      ([id, position, name, icon, image_id, mode, anchor_day, turn_offset]): DashboardChoreRow => ({ id, position, name, icon, image_id, mode, anchor_day, turn_offset }),
    );
    const members = new Map<number, [number, string, string, string, number | null]>();
    for (const m of JSON.parse(membersJson!) as Json<[number, string, string, string, number | null]>) members.set(m[0], m);
    const entries = (JSON.parse(entriesJson!) as Json<[number, number, number | null, string | null]>).map(([id, chore_id, member_id, name]): RotationEntryRow => {
      const member = member_id === null ? undefined : members.get(member_id);
      return {
        id,
        chore_id,
        member_id,
        name,
        member_name: member?.[1] ?? null,
        member_color: member?.[2] ?? null,
        member_avatar: member?.[3] ?? null,
        member_image_id: member?.[4] ?? null,
      };
    });
    const completions = (JSON.parse(completionsJson!) as Json<[number, number | null, string]>).map(
      ([chore_id, done_by_member_id, done_by_name]): TodaysCompletionRow => ({ chore_id, done_by_member_id, done_by_name }),
    );
    return { chores, entries, completions };
  },
};
