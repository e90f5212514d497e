import type { DirectoryUser, Organisation } from './schemas.js';

/** Who is speaking, as far as the directory knows. */
export type Identity =
  | { kind: 'customer'; user: DirectoryUser; organisation: Organisation }
  | { kind: 'agent'; user: DirectoryUser }
  | { kind: 'anonymous'; userId: string };
