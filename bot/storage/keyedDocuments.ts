/** A stored document as {@link KeyedDocuments} return it (lowdb's envelope carries more, e.g. a checksum). */
export interface StoredDocument<T> {
  key: string;
  /** Changes on every write: compare it to see whether a document moved on. */
  etag: string;
  /** ISO time of the last write. */
  updatedAt: string;
  data: T;
}

/**
 * Documents by key, read and written asynchronously — for data too large to keep every record in memory
 * (Direct Line activity streams, full conversation logs). Implemented by lowdb's `DocumentStore` (one file
 * per key) and by PostgreSQL (`PgDocuments`: one row per key in the `documents` table); get one from
 * `Stores.documents(name)`.
 */
export interface KeyedDocuments<T> {
  /** The current document (a fresh copy), or null. */
  get(key: string): Promise<StoredDocument<T> | null>;
  /**
   * Atomically read the current document, let `decide` compute the next payload (or throw to abort, or
   * return `undefined` to delete), and store it; resolves once durable. Updates of one key never
   * interleave, across instances too: PostgreSQL stores the result only if the document is still the one
   * `decide` saw, else decides again — so `decide` must be a pure decision, which may run more than once.
   */
  update(
    key: string,
    decide: (current: StoredDocument<T> | null) => T | undefined,
  ): Promise<StoredDocument<T> | null>;
  /** Store `produce()`'s payload (undefined = delete) under the key's lock, without reading the current one. */
  replace(key: string, produce: () => T | undefined): Promise<StoredDocument<T> | null>;
}
