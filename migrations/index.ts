import type { Migration } from './migration.js';
import { familySettings } from './0001_family_settings.js';
import { accounts } from './0002_accounts.js';
import { dashboards } from './0003_dashboards.js';
import { wallDisplay } from './0004_wall_display.js';
import { calendar } from './0005_calendar.js';
import { language } from './0006_language.js';

export type { Migration } from './migration.js';

/** Every migration, in order. A static list: nothing scans the folder at run time. */
export const MIGRATIONS: readonly Migration[] = [familySettings, accounts, dashboards, wallDisplay, calendar, language];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
