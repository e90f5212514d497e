import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readKnowledgeFiles } from '../readKnowledge.js';

/**
 * Make the knowledge directory hold exactly `files` (a kept version): files it lacks are written, changed ones
 * rewritten, others removed. Returns what changed (relative paths).
 */
export async function restoreFiles(dir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const current = await readKnowledgeFiles(dir);
  const changed: string[] = [];
  for (const name of current.files.keys())
    if (!files.has(name)) {
      await rm(path.join(dir, name), { force: true });
      changed.push(name);
    }
  for (const [name, text] of files) {
    if (current.files.get(name) === text) continue;
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
    changed.push(name);
  }
  return changed.sort();
}
