import type { FamilyPool, FamilyLease } from '../tenants/pool.js';
import type { FamilyDb } from '../tenants/family-database.js';
import type { AppConfig } from '../config.js';

/** Variables every request has. */
export interface AppVariables {
  pool: FamilyPool;
  config: AppConfig;
}

/** Variables of a request bound to one family (everything under /<slug>/). */
export interface FamilyVariables extends AppVariables {
  family: FamilyLease;
  db: FamilyDb;
}

export type AppEnv = { Variables: AppVariables };
export type FamilyEnv = { Variables: FamilyVariables };
