import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from '../../bot/knowledgeBase/knowledgeBase.js';
import { buildKnowledgeBase } from '../../bot/knowledgeBase/loadKnowledgeBase.js';
import { formatKbError } from '../../bot/knowledgeBase/kbError.js';
import { readKnowledgeFiles } from '../../bot/knowledgeBase/readKnowledge.js';
import { KNOWLEDGE_DIR } from './helpers.js';

/** The engine's own fixture flows (inline texts), independent of the shipped content. */
export const FIXTURE_FLOWS = path.resolve('test/knowledgeBase/fixtures/flows');

/**
 * The shipped knowledge with its flows and flow tests replaced by the fixture flows: code tests of the engine
 * run on flows of their own, so editors can change the shipped flows freely.
 */
export async function fixtureFiles(): Promise<Map<string, string>> {
  const { files } = await readKnowledgeFiles(KNOWLEDGE_DIR);
  const out = new Map(
    [...files].filter(([name]) => !name.startsWith('flows/') && !name.startsWith('tests/')),
  );
  for (const name of await readdir(FIXTURE_FLOWS))
    out.set(`flows/${name}`, await readFile(path.join(FIXTURE_FLOWS, name), 'utf8'));
  return out;
}

/** Build a knowledge base from files in memory; throws with every error when they are not valid. */
export async function buildFrom(files: ReadonlyMap<string, string>): Promise<KnowledgeBase> {
  const { kb, errors } = await buildKnowledgeBase('fixture', files, { schemas: false });
  if (!kb) throw new Error(errors.map(formatKbError).join('\n'));
  return kb;
}
