import { z } from 'zod';
import type { CollectionSpec } from '../storage/collection.js';
import type { DocumentStoreOptions } from '../storage/documentStore.js';
import { lowdbRepository, type LowdbRepository, type Repository } from '../storage/repository.js';

const counterSchema = z.object({ id: z.string().min(1), next: z.number().int().positive() });
type Counter = z.infer<typeof counterSchema>;

/** The `counters` collection: one record per kind of number. */
export const COUNTER_COLLECTION: CollectionSpec<Counter> = { name: 'counters', schema: counterSchema };

/**
 * Hands out sequential numbers (cases, incidents…) from a durable counter record. The repository serialises
 * updates of one record, so concurrent `next()` calls never get the same number, and the counter is
 * durable before a number is handed out, so a restart never reuses one.
 */
export class CaseCounter {
  constructor(
    private readonly repo: Repository<Counter>,
    private readonly first: number = 10001,
    /** The counter record's id: one counter per kind of number. */
    private readonly key: string = 'cases',
  ) {}

  /** A lowdb counter repository (`counters`) under `dir`; call {@link LowdbRepository.open} before use. */
  static repository(dir: string, options: DocumentStoreOptions = {}): LowdbRepository<Counter> {
    return lowdbRepository(COUNTER_COLLECTION, dir, options);
  }

  /**
   * Make sure no number up to `highestUsed` (the highest one stored records already carry) is handed
   * out again: after the counter file was lost, or restored from a backup older than the records.
   * Called at start-up; writes only when the counter is behind.
   */
  async reconcile(highestUsed: number): Promise<void> {
    const next = this.repo.get(this.key)?.next ?? this.first;
    if (next > highestUsed) return;
    await this.repo.update(this.key, (current) => ({
      id: this.key,
      next: Math.max(current?.next ?? this.first, highestUsed + 1),
    }));
  }

  /** The next number. */
  async next(): Promise<number> {
    let issued = 0;
    await this.repo.update(this.key, (current) => {
      issued = current?.next ?? this.first;
      return { id: this.key, next: issued + 1 };
    });
    return issued;
  }
}

/** The highest number among ids like `CS-10042` (`prefix` + digits); 0 when there is none. */
export function highestNumber(ids: Iterable<string>, prefix: string): number {
  let highest = 0;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isSafeInteger(n) && n > highest) highest = n;
  }
  return highest;
}
