import type { Generated, Selectable } from 'kysely';

export interface ImagesTable {
  id: Generated<number>;
  sha256: string;
  webp: Buffer;
  width: number;
  height: number;
  created_at: Generated<string>;
}

export type StoredImage = Selectable<ImagesTable>;
