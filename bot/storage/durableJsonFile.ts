import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { z } from 'zod';
import { DataFileCorruptError } from './errors.js';

const FORMAT = 'firstline/1';

/** What every data file holds: the payload plus what is needed to trust it. */
export interface Envelope<T> {
  format: typeof FORMAT;
  key: string;
  etag: string;
  updatedAt: string;
  checksum: string;
  data: T;
}

const envelopeSchema = z.object({
  format: z.literal(FORMAT),
  key: z.string(),
  etag: z.string().min(1),
  updatedAt: z.string(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.unknown(),
});

/** sha256 over the canonical JSON of the payload: detects hand edits, bit rot and torn copies. */
export function checksumOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

/** Parse and verify a data file's text; throws {@link DataFileCorruptError} naming the file. */
export function parseEnvelope<T>(file: string, text: string): Envelope<T> {
  if (text.length === 0) throw new DataFileCorruptError(file, 'file is empty (torn write?)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataFileCorruptError(file, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFileCorruptError(
      file,
      `not a Firstline data file (${issue?.path.join('.') || '$'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  if (checksumOf(parsed.data.data) !== parsed.data.checksum) {
    throw new DataFileCorruptError(file, 'checksum mismatch (content changed outside Firstline or torn)');
  }
  return parsed.data as Envelope<T>;
}

/**
 * A lowdb adapter that never leaves a half-written file behind: it writes a temporary file,
 * fsyncs it, renames it over the target and fsyncs the directory. A write that resolved survives
 * `kill -9` (and power loss when the disk honours fsync). Reads verify the envelope and checksum.
 */
export class DurableJsonFile<T> implements Adapter<Envelope<T>> {
  constructor(
    readonly file: string,
    private readonly fsync: boolean = true,
  ) {}

  async read(): Promise<Envelope<T> | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return parseEnvelope<T>(this.file, text);
  }

  async write(envelope: Envelope<T>): Promise<void> {
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true });
    const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(envelope));
      if (this.fsync) await handle.datasync();
    } catch (err) {
      await handle.close();
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await handle.close();
    await rename(tmp, this.file);
    if (this.fsync) await fsyncDir(dir);
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Build a verified envelope around a payload. */
export function envelope<T>(key: string, etag: string, data: T): Envelope<T> {
  return { format: FORMAT, key, etag, updatedAt: new Date().toISOString(), checksum: checksumOf(data), data };
}
