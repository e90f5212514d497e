import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkKnowledge } from '../../bot/knowledgeBase/check.js';
import type { KbError } from '../../bot/knowledgeBase/kbError.js';
import { TEST_KNOWLEDGE_DIR } from '../helpers/knowledgeDir.js';

/** The shipped knowledge directory. */
export const KNOWLEDGE_DIR = path.resolve(TEST_KNOWLEDGE_DIR);

/** Copy the shipped knowledge into a fresh temp dir (everything but the demo data). */
export async function copyKnowledge(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-kb-'));
  for (const part of [
    'flows',
    'texts',
    'schema',
    'plans.json',
    'languages.json',
    'nlu',
    'articles',
    'requests.json',
  ]) {
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

/** Change one JSON file of a knowledge copy and check the whole copy: the errors found. */
export async function errorsAfterEdit(
  dir: string,
  file: string,
  change: (json: Record<string, unknown>) => void,
): Promise<KbError[]> {
  await editJson(dir, file, change);
  return (await checkKnowledge(dir)).errors;
}

/** Assert that `errors` has one for `file` (relative to `dir`) at `jsonPath` whose message matches. */
export function expectKbError(
  errors: readonly KbError[],
  dir: string,
  file: string,
  jsonPath: string,
  message: RegExp,
): void {
  const found = errors.find(
    (e) => e.file === path.join(dir, file) && e.path === jsonPath && message.test(e.message),
  );
  expect(
    found,
    `expected ${file} ${jsonPath} ${message} in:\n${errors.map((e) => `${e.file} ${e.path}: ${e.message}`).join('\n')}`,
  ).to.not.equal(undefined);
}
