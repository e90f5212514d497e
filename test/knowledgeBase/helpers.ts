import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The shipped knowledge directory. */
export const KNOWLEDGE_DIR = path.resolve('knowledge');

/** Copy the shipped knowledge into a fresh temp dir (flows, texts, plans only). */
export async function copyKnowledge(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-kb-'));
  for (const part of ['flows', 'texts', 'schema', 'plans.json']) {
    await cp(path.join(KNOWLEDGE_DIR, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}

/** Read, change and write back a JSON file in a knowledge copy. */
export async function editJson(
  dir: string,
  file: string,
  change: (json: Record<string, unknown>) => void,
): Promise<void> {
  const full = path.join(dir, file);
  const json = JSON.parse(await readFile(full, 'utf8')) as Record<string, unknown>;
  change(json);
  await writeFile(full, JSON.stringify(json, null, 2));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
