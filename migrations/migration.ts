import type { Kysely } from 'kysely';

/**
 * One numbered step of a family file's schema. `up` runs inside the runner's
 * BEGIN IMMEDIATE transaction; it must not open or commit transactions itself.
 */
export interface Migration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was, not as it is
  up(db: Kysely<any>): Promise<void>;
}
