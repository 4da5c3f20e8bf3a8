import type { DashboardQuery } from '../kind.js';
import type { Countdown } from './tables.js';

/** The columns of a countdown that a dashboard shows. */
export type DashboardCountdownRow = Pick<Countdown, 'id' | 'name' | 'icon' | 'image_id' | 'kind' | 'year' | 'month' | 'day'>;

/** Someone with a date of birth (a member or a named person): every dashboard with countdowns counts down to their birthday. */
export interface BirthdayRow {
  /** "m3" for a member, "p2" for a named person. */
  key: string;
  name: string;
  /** YYYY-MM-DD, or --MM-DD when the year is not known. */
  birth_date: string;
  image_id: number | null;
}

export interface CountdownRows {
  countdowns: DashboardCountdownRow[];
  birthdays: BirthdayRow[];
}

type Json<T extends unknown[]> = T[];

/** A dashboard's countdowns and the family's birthdays, in the dashboard's one statement (see chores/dashboard-rows.ts). */
export const countdownDashboardQuery: DashboardQuery<CountdownRows> = {
  columns: [
    `select json_group_array(json_array(id, name, icon, image_id, kind, year, month, day) order by id)
       from countdowns where dashboard_id = :dashboard`,
    `select json_group_array(json_array(key, name, birth_date, image_id)) from (
       select 'm' || id as key, display_name as name, birth_date, image_id from members where birth_date is not null
       union all select 'p' || id, name, birth_date, image_id from named_people where birth_date is not null)`,
  ],
  read([countdowns, birthdays]) {
    return {
      countdowns: (JSON.parse(countdowns!) as Json<[number, string, string, number | null, 'yearly' | 'once', number | null, number, number]>).map(
        ([id, name, icon, image_id, kind, year, month, day]): DashboardCountdownRow => ({ id, name, icon, image_id, kind, year, month, day }),
      ),
      birthdays: (JSON.parse(birthdays!) as Json<[string, string, string, number | null]>).map(([key, name, birth_date, image_id]): BirthdayRow => ({ key, name, birth_date, image_id })),
    };
  },
};
