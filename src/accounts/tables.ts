import type { Generated, Selectable } from 'kysely';

export type Role = 'admin' | 'member' | 'viewer';

export interface MembersTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  role: Role;
  password_hash: string;
  color: Generated<string>;
  avatar: Generated<string>;
  image_id: number | null;
  /** YYYY-MM-DD, or --MM-DD when the year is not known; null when not given. */
  birth_date: Generated<string | null>;
  /** The member's own language for their pages; null: the family's. */
  language: Generated<string | null>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface SessionsTable {
  id: string;
  member_id: number;
  expires_at: number;
  remember: Generated<number>;
  created_at: Generated<string>;
}

export interface InvitationsTable {
  id: Generated<number>;
  token_hash: string;
  role: Role;
  note: Generated<string>;
  created_by: number | null;
  created_at: Generated<string>;
  expires_at: number;
  used_at: string | null;
  used_by: number | null;
  revoked_at: string | null;
}

export type Member = Selectable<MembersTable>;
export type Session = Selectable<SessionsTable>;
export type Invitation = Selectable<InvitationsTable>;
