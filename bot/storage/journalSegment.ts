import path from 'node:path';
import { parseEnvelope } from './durableJsonFile.js';
import { DataDirCorruptError, DataFileCorruptError } from './errors.js';

/**
 * The journal's on-disk format. Segments are `DATA_DIR/journal/<8 digits>.log`, replayed in name
 * order; each line is one acknowledged write: `{"f": <data file relative to DATA_DIR>, "v": <the
 * file's envelope, or null when the file was removed>}`, or one transaction's writes as a group,
 * `{"g": [<entry>, …]}`, replayed all together or not at all. The envelope carries its own checksum.
 */
export const JOURNAL_DIR = 'journal';

const SEGMENT = /^(\d{8})\.log$/;

/** Whether a file name in the journal directory is a segment. */
export function isSegmentName(name: string): boolean {
  return SEGMENT.test(name);
}

/** The file name of segment number `n`. */
export function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.log`;
}

/** The number of a segment file (0 when the name is not a segment's). */
export function segmentNumber(file: string): number {
  return Number(SEGMENT.exec(path.basename(file))?.[1] ?? 0);
}

/** The line recording that data file `rel` now holds `text` (null: removed). */
export function journalLine(rel: string, text: string | null): string {
  return `{"f":${JSON.stringify(rel)},"v":${text ?? 'null'}}\n`;
}

/** The line recording a transaction's writes (data file relative path, new text or null), all or none. */
export function journalGroupLine(
  entries: ReadonlyArray<readonly [rel: string, text: string | null]>,
): string {
  const parts = entries.map(([rel, text]) => `{"f":${JSON.stringify(rel)},"v":${text ?? 'null'}}`);
  return `{"g":[${parts.join(',')}]}\n`;
}

/**
 * Parse one segment into `latest` (data file → newest text). Returns how many damaged lines at
 * its end were dropped; throws when a damaged line is followed by an intact one.
 */
export function readSegment(
  dataDir: string,
  segment: string,
  text: string,
  latest: Map<string, string | null>,
): number {
  const lines = text.split('\n');
  // A complete segment ends with "\n": the last element is then empty.
  const last = lines.pop() ?? '';
  let damaged: { line: number; reason: string } | undefined;
  let droppedAtEnd = last.length > 0 ? 1 : 0;
  lines.forEach((line, i) => {
    const parsed = parseJournalLine(dataDir, line);
    if (typeof parsed === 'string') {
      damaged ??= { line: i + 1, reason: parsed };
      droppedAtEnd += 1;
      return;
    }
    if (damaged) {
      throw new DataDirCorruptError(
        [new DataFileCorruptError(segment, `journal line ${damaged.line}: ${damaged.reason}`)],
        recoveryAdvice(dataDir),
      );
    }
    for (const entry of parsed) latest.set(entry.file, entry.text);
  });
  return droppedAtEnd;
}

/** What start-up tells the operator to do about a damaged journal line. */
export function recoveryAdvice(dataDir: string): string {
  return (
    `Run \`npm run data:recover -- --data-dir ${dataDir}\` (with Firstline stopped): it keeps every intact ` +
    'journal entry, sets the damaged line(s) aside with the original segment, and prints what it dropped ' +
    '(README, "Data and durability").'
  );
}

/** One data file's new text (file absolute; null: removed). */
export interface JournalEntry {
  file: string;
  text: string | null;
}

/** A journal line's entries (one, or a transaction's group), or why it cannot be trusted. */
export function parseJournalLine(dataDir: string, line: string): JournalEntry[] | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'not valid JSON (torn append?)';
  }
  if (typeof json === 'object' && json !== null && 'g' in json) {
    const group = (json as { g: unknown }).g;
    if (!Array.isArray(group) || group.length === 0) return 'not a journal group';
    const entries: JournalEntry[] = [];
    for (const [i, item] of group.entries()) {
      const entry = parseEntry(dataDir, item);
      if (typeof entry === 'string') return `group entry ${i + 1}: ${entry}`;
      entries.push(entry);
    }
    return entries;
  }
  const entry = parseEntry(dataDir, json);
  return typeof entry === 'string' ? entry : [entry];
}

/** One `{f, v}` entry as `{file, text}`, or why it cannot be trusted. */
function parseEntry(dataDir: string, json: unknown): JournalEntry | string {
  if (typeof json !== 'object' || json === null || !('f' in json) || !('v' in json))
    return 'not a journal entry';
  const { f, v } = json as { f: unknown; v: unknown };
  if (typeof f !== 'string' || !f.endsWith('.json')) return 'entry names no data file';
  const file = path.resolve(dataDir, f);
  if (path.relative(dataDir, file).startsWith('..')) return `entry names a file outside DATA_DIR (${f})`;
  if (v === null) return { file, text: null };
  const text = JSON.stringify(v);
  try {
    parseEnvelope(file, text);
  } catch (err) {
    return err instanceof DataFileCorruptError ? err.reason : String(err);
  }
  return { file, text };
}
