/** A data file exists but cannot be trusted: torn, truncated, edited by hand or not ours. */
export class DataFileCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Data file ${file} is corrupt: ${reason}`);
    this.name = 'DataFileCorruptError';
  }
}

/** Start-up found corrupt data files; the process must not run on top of them. */
export class DataDirCorruptError extends Error {
  /** @param advice - What the operator can do (default: restore from a backup or move the file aside). */
  constructor(
    readonly problems: readonly DataFileCorruptError[],
    advice = 'Restore the file(s) from a backup, or move them aside if losing that record is acceptable.',
  ) {
    super(
      `${problems.length} corrupt data file(s) — refusing to start so nothing is overwritten:\n` +
        problems.map((p) => `  ${p.file}: ${p.reason}`).join('\n') +
        `\n${advice}`,
    );
    this.name = 'DataDirCorruptError';
  }
}

/** Optimistic concurrency failure: the stored item changed since it was read. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** Whether `error` is a bot-state ETag conflict (ours, or the message botbuilder's storages use). */
export function isETagConflict(error: unknown): boolean {
  return (
    error instanceof ETagConflictError || (error instanceof Error && /eTag conflict/i.test(error.message))
  );
}
