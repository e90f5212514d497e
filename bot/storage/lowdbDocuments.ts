import type { DocumentStore } from './documentStore.js';
import type { KeyedDocuments, StoredDocument } from './keyedDocuments.js';
import type { LowdbUnitOfWork } from './lowdbUnitOfWork.js';

/**
 * {@link KeyedDocuments} on a lowdb {@link DocumentStore}: outside a transaction the store itself; inside
 * one, writes are staged under the key's lock and journalled with the transaction's group.
 */
export class LowdbDocuments<T> implements KeyedDocuments<T> {
  constructor(
    private readonly docs: DocumentStore<T>,
    private readonly unitOfWork: LowdbUnitOfWork,
  ) {}

  get(key: string): Promise<StoredDocument<T> | null> {
    return this.docs.get(key);
  }

  async update(
    key: string,
    decide: (current: StoredDocument<T> | null) => T | undefined,
  ): Promise<StoredDocument<T> | null> {
    const tx = this.unitOfWork.current();
    if (!tx) return this.docs.update(key, decide);
    await tx.lock(this.docs, key);
    return this.stage(tx, key, decide(await this.docs.readHeld(key)));
  }

  async replace(key: string, produce: () => T | undefined): Promise<StoredDocument<T> | null> {
    const tx = this.unitOfWork.current();
    if (!tx) return this.docs.replace(key, produce);
    await tx.lock(this.docs, key);
    return this.stage(tx, key, produce());
  }

  private async stage(
    tx: NonNullable<ReturnType<LowdbUnitOfWork['current']>>,
    key: string,
    data: T | undefined,
  ): Promise<StoredDocument<T> | null> {
    const staged = await this.docs.stage(key, data);
    tx.writes.push({ file: staged.file, text: staged.text, undo: staged.undo, done: () => undefined });
    return staged.env;
  }
}
