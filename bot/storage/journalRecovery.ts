import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataDirLock } from './dataDirLock.js';
import { DirectorySync, fsyncDir, writeFileDurably } from './durableJsonFile.js';
import { isSegmentName, JOURNAL_DIR, parseJournalLine } from './journalSegment.js';

/** Where recovered segments' originals are kept, under DATA_DIR (never replayed: not in `journal/`). */
export const DAMAGED_JOURNAL_DIR = 'journal-damaged';

/** One line {@link recoverJournal} could not keep. */
export interface DroppedLine {
  line: number;
  reason: string;
  /** The data file the line named, when that much of it was readable. */
  file?: string;
}

/** What was done to one segment. */
export interface SegmentRecovery {
  segment: string;
  kept: number;
  dropped: DroppedLine[];
  /** Lines whose entry was intact behind a run of NUL bytes (a write past the end of the file). */
  salvaged: Array<{ line: number; nulBytes: number }>;
  /** Where the original, unchanged segment now is. */
  movedTo: string;
}

/** The outcome of {@link recoverJournal}. */
export interface JournalRecoveryReport {
  /** Segments read. */
  checked: number;
  /** Segments that were rewritten (only those with damage). */
  recovered: SegmentRecovery[];
}

/**
 * Make a journal with damaged lines replayable without losing an intact acknowledged write. For every
 * segment with a damaged line (not valid JSON, a checksum that does not match, a file outside
 * DATA_DIR…) the original is copied to `DATA_DIR/journal-damaged/<time>/`, then the segment is replaced
 * (atomically) by its intact lines in their order; an entry found intact behind NUL bytes is kept.
 * Runs under the data directory's lock, so never beside a running Firstline; running it again
 * changes nothing.
 */
export async function recoverJournal(
  dataDir: string,
  now: Date = new Date(),
): Promise<JournalRecoveryReport> {
  const lock = await DataDirLock.acquire(dataDir);
  try {
    const journalDir = path.join(dataDir, JOURNAL_DIR);
    let names: string[];
    try {
      names = (await readdir(journalDir)).filter(isSegmentName).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      names = [];
    }
    const aside = path.join(dataDir, DAMAGED_JOURNAL_DIR, now.toISOString().replace(/[:.]/g, '-'));
    const recovered: SegmentRecovery[] = [];
    for (const name of names) {
      const segment = path.join(journalDir, name);
      const cleaned = cleanSegment(dataDir, await readFile(segment, 'utf8'));
      if (cleaned.dropped.length === 0 && cleaned.salvaged.length === 0) continue;
      await mkdir(aside, { recursive: true });
      const movedTo = path.join(aside, name);
      // The original first (durably), then the segment is replaced: a crash in between loses nothing.
      await copyFile(segment, movedTo);
      await fsyncDir(aside);
      await writeFileDurably(segment, cleaned.lines.join(''), true, new DirectorySync(journalDir));
      recovered.push({
        segment,
        kept: cleaned.lines.length,
        dropped: cleaned.dropped,
        salvaged: cleaned.salvaged,
        movedTo,
      });
    }
    if (recovered.length > 0) {
      await writeFile(
        path.join(aside, 'recovery.txt'),
        describeRecovery({ checked: names.length, recovered }),
      );
    }
    return { checked: names.length, recovered };
  } finally {
    await lock.release();
  }
}

/** The segment's intact lines (each ending in "\n"), and what was dropped or salvaged. */
function cleanSegment(
  dataDir: string,
  text: string,
): { lines: string[]; dropped: DroppedLine[]; salvaged: SegmentRecovery['salvaged'] } {
  const raw = text.split('\n');
  const incomplete = raw.pop() ?? '';
  const lines: string[] = [];
  const dropped: DroppedLine[] = [];
  const salvaged: SegmentRecovery['salvaged'] = [];
  raw.forEach((line, i) => {
    const parsed = parseJournalLine(dataDir, line);
    if (typeof parsed !== 'string') {
      lines.push(`${line}\n`);
      return;
    }
    const nul = line.lastIndexOf('\u0000');
    if (nul >= 0 && typeof parseJournalLine(dataDir, line.slice(nul + 1)) !== 'string') {
      lines.push(`${line.slice(nul + 1)}\n`);
      salvaged.push({ line: i + 1, nulBytes: nulRunEndingAt(line, nul) });
      return;
    }
    dropped.push({ line: i + 1, reason: parsed, ...namedFile(line) });
  });
  if (incomplete !== '' && (dropped.length > 0 || salvaged.length > 0)) {
    dropped.push({
      line: raw.length + 1,
      reason: 'incomplete last line (an append that was never acknowledged)',
      ...namedFile(incomplete),
    });
  }
  return { lines, dropped, salvaged };
}

/** How many NUL characters end at index `last` of `line`. */
function nulRunEndingAt(line: string, last: number): number {
  let start = last;
  while (start > 0 && line.charCodeAt(start - 1) === 0) start -= 1;
  return last - start + 1;
}

/** The data file a (damaged) journal line names, if its start is readable. */
function namedFile(line: string): { file?: string } {
  const match = /^\{"f":("(?:[^"\\]|\\.)*")/.exec(line);
  if (!match?.[1]) return {};
  try {
    return { file: JSON.parse(match[1]) as string };
  } catch {
    return {};
  }
}

/** One line per dropped or salvaged entry and per rewritten segment, as the CLI prints them. */
export function describeRecovery(report: JournalRecoveryReport): string {
  const out: string[] = [];
  for (const r of report.recovered) {
    for (const d of r.dropped) {
      out.push(`${r.segment} line ${d.line}: dropped (${d.reason})${d.file ? ` — it named ${d.file}` : ''}`);
    }
    for (const s of r.salvaged) {
      out.push(
        `${r.segment} line ${s.line}: kept the entry after ${s.nulBytes} NUL bytes (a write past the end of the file)`,
      );
    }
    out.push(
      `${r.segment}: kept ${r.kept} entr${r.kept === 1 ? 'y' : 'ies'}, dropped ${r.dropped.length}; original moved to ${r.movedTo}`,
    );
  }
  return out.map((line) => `${line}\n`).join('');
}
