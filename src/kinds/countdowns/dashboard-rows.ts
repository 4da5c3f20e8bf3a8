import type { DashboardQuery } from '../kind.js';
import type { Countdown } from './tables.js';

/** The columns of a countdown that a dashboard shows. */
export type DashboardCountdownRow = Pick<Countdown, 'id' | 'name' | 'icon' | 'image_id' | 'kind' | 'year' | 'month' | 'day'>;

type Json<T extends unknown[]> = T[];

/** A dashboard's countdowns, in the dashboard's one statement (see chores/dashboard-rows.ts). */
export const countdownDashboardQuery: DashboardQuery<DashboardCountdownRow[]> = {
  columns: [
    `select json_group_array(json_array(id, name, icon, image_id, kind, year, month, day) order by id)
       from countdowns where dashboard_id = :dashboard`,
  ],
  read([json]) {
    return (JSON.parse(json!) as Json<[number, string, string, number | null, 'yearly' | 'once', number | null, number, number]>).map(
      ([id, name, icon, image_id, kind, year, month, day]): DashboardCountdownRow => ({ id, name, icon, image_id, kind, year, month, day }),
    );
  },
};
