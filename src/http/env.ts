import type { FamilyPool, FamilyLease } from '../tenants/pool.js';
import type { FamilyDb } from '../tenants/family-database.js';
import type { AppConfig } from '../config.js';
import type { Session } from '../accounts/tables.js';
import type { SessionMember } from '../accounts/session.js';
import type { I18n } from '../i18n/i18n.js';
import type { BodyLimit } from './body-limit.js';

/** Variables every request has. */
export interface AppVariables {
  pool: FamilyPool;
  config: AppConfig;
  /** The words and conventions of the reader's language (src/i18n/request-language.ts). */
  i18n: I18n;
  /** The limit the request's body is read under (src/http/body-limit.ts). */
  bodyLimit?: BodyLimit;
}

/** Variables of a request bound to one family (everything under /<slug>/). */
export interface FamilyVariables extends AppVariables {
  family: FamilyLease;
  db: FamilyDb;
  /** The signed-in member, or null for an anonymous visitor. */
  member: SessionMember | null;
  session: Session | null;
}

export type AppEnv = { Variables: AppVariables };
export type FamilyEnv = { Variables: FamilyVariables };
