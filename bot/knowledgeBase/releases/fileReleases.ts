import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { KnowledgeFiles } from '../readKnowledge.js';
import type { KnowledgeReleases, ReleaseInfo } from './releases.js';

const infoSchema = z.strictObject({
  version: z.string().regex(/^[0-9a-f]{6,64}$/),
  acceptedAt: z.string(),
  fileCount: z.number().int().nonnegative(),
  changed: z.array(z.string()),
});
const filesSchema = z.record(z.string(), z.string());

/**
 * Accepted knowledge versions as files under `dir` (e.g. `DATA_DIR/knowledge-releases`): `<version>.meta` (when,
 * how many files, what changed) and `<version>.files` (every file's text), each written to a temporary file and
 * renamed, so a crash leaves the previous state. Keeps the newest `keep`. (Not `.json`: the data directory's
 * start-up check verifies only its own record envelopes.)
 */
export class FileKnowledgeReleases implements KnowledgeReleases {
  constructor(
    private readonly dir: string,
    private readonly keep = 20,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(version: string, files: KnowledgeFiles, changed: readonly string[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const info: ReleaseInfo = {
      version,
      acceptedAt: this.now().toISOString(),
      fileCount: files.size,
      changed: [...changed],
    };
    await this.write(`${version}.files`, JSON.stringify(Object.fromEntries(files)));
    await this.write(`${version}.meta`, JSON.stringify(info));
    const kept = await this.list();
    for (const old of kept.slice(this.keep)) {
      for (const ext of ['meta', 'files'])
        await unlink(path.join(this.dir, `${old.version}.${ext}`)).catch(() => undefined);
    }
  }

  async list(): Promise<ReleaseInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const out: ReleaseInfo[] = [];
    for (const name of names.filter((n) => n.endsWith('.meta'))) {
      try {
        out.push(infoSchema.parse(JSON.parse(await readFile(path.join(this.dir, name), 'utf8'))));
      } catch {
        // A damaged entry is skipped: the history is a convenience, the knowledge directory is the source.
      }
    }
    return out.sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt));
  }

  async files(version: string): Promise<Map<string, string> | undefined> {
    if (!/^[0-9a-f]{6,64}$/.test(version)) return undefined;
    try {
      const raw = filesSchema.parse(
        JSON.parse(await readFile(path.join(this.dir, `${version}.files`), 'utf8')),
      );
      return new Map(Object.entries(raw));
    } catch {
      return undefined;
    }
  }

  private async write(name: string, content: string): Promise<void> {
    const file = path.join(this.dir, name);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, content);
    await rename(temp, file);
  }
}
