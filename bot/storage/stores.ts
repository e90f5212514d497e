import type { Storage } from 'botbuilder';
import type pg from 'pg';
import type { ClusterBus } from './clusterBus.js';
import type { Journal } from './journal.js';
import type { CollectionSpec, Identified, Repository } from './collection.js';
import type { KeyedDocuments } from './keyedDocuments.js';
import type { UnitOfWork } from './unitOfWork.js';

/** The stores Firstline runs on: `STORAGE=lowdb` (embedded, the default) or `STORAGE=postgres`. */
export const STORAGE_KINDS = ['lowdb', 'postgres'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** botbuilder `Storage` for conversation and user state, plus moving a corrupt state document aside. */
export interface BotStateStorage extends Storage {
  /** Move a corrupt state file aside (lowdb); undefined when `file` is not one (PostgreSQL: never). */
  quarantine(file: string): Promise<string | undefined>;
}

/** Runs the turns of one conversation one at a time across every instance on the store. */
export interface TurnLocks {
  /** Run `work` while holding the conversation's lock (waits for the instance that holds it). */
  run<R>(conversationKey: string, work: () => Promise<R>): Promise<R>;
}

/** How jobs' claims (outboxes) are owned, and when a claim left by another process may be taken over. */
export interface ClaimPolicy {
  /** This process: `<INSTANCE_ID>#<random per start>`, so a restarted instance never mistakes old claims for its own. */
  owner: string;
  /** How long a claim holds before another instance may take it over. */
  leaseMs: number;
  /** This is the only process on the store (lowdb): a claim by any other process is stale at once. */
  exclusive: boolean;
}

/**
 * Everything that keeps Firstline's data, chosen by configuration and created once in `bot/index.ts`:
 * repositories, bot state, keyed documents, transactions, the cluster bus, turn locks and claim
 * ownership. Code below the wiring receives what it needs from here and never learns which store it is.
 */
export interface Stores extends UnitOfWork {
  readonly kind: StorageKind;
  /** `INSTANCE_ID` (default: hostname-pid): in logs, and the first part of {@link ClaimPolicy.owner}. */
  readonly instanceId: string;
  readonly claims: ClaimPolicy;
  readonly bus: ClusterBus;
  readonly botState: BotStateStorage;
  readonly turnLocks: TurnLocks;
  /** The collection's repository, loaded and kept current (one per collection and store). */
  open<T extends Identified, I extends string>(spec: CollectionSpec<T, I>): Promise<Repository<T, I>>;
  /**
   * Keyed documents of collection `name` (lowdb: `DATA_DIR/documents/<name>`, keeping `cacheSize` recent ones in
   * memory; PostgreSQL: the `documents` table, nothing cached).
   */
  documents<T>(name: string, options?: { cacheSize?: number }): KeyedDocuments<T>;
  /** PostgreSQL only: the pool, for a feature with its own tables (added by a migration). */
  readonly pool: pg.Pool | undefined;
  /** lowdb only: DATA_DIR's journal, for a feature with its own files (written through it, group commit). */
  readonly journal: Journal | undefined;
  /** Whether the store can serve (readiness). */
  ready(): boolean;
  /** Release everything (flush the journal, close connections). */
  close(): Promise<void>;
}

/** A collection or document name: letters, digits, `_` and `-`. */
export function checkCollectionName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,62}$/.test(name))
    throw new Error(`Stores: "${name}" is not a valid collection name (letters, digits, _ and -)`);
  return name;
}
