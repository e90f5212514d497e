import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonFile } from '../trainingData.js';
import { Vocabulary } from './vocabulary.js';
import { wordsFileSchema, type WordsFile } from './wordsSchema.js';

/** Word-list files are named `words.<lang>.json` in `knowledge/nlu/`. */
export const WORDS_FILE = /^words\.([a-z]{2})\.json$/;

/**
 * Read and validate every `nlu/words.<lang>.json` under `knowledgeDir` (for tools that run without the
 * knowledge-base store; the running bot gets its vocabulary from the store, hot-reloaded). Errors name the
 * file and the JSON path.
 */
export async function loadVocabulary(knowledgeDir: string): Promise<Vocabulary> {
  return new Vocabulary(await loadWordsFiles(knowledgeDir));
}

/** Every `nlu/words.<lang>.json` under `knowledgeDir`, validated (see {@link loadVocabulary}). */
export async function loadWordsFiles(knowledgeDir: string): Promise<WordsFile[]> {
  const dir = path.join(knowledgeDir, 'nlu');
  const names = (await readdir(dir)).filter((name) => WORDS_FILE.test(name)).sort();
  if (names.length === 0) throw new Error(`${dir}: no word lists (words.<lang>.json)`);
  const sources = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const data = parseJsonFile(file, await readFile(file, 'utf8'), wordsFileSchema);
      const lang = WORDS_FILE.exec(name)?.[1];
      if (data.language !== lang)
        throw new Error(`${file}: $.language: expected "${lang}", found "${data.language}"`);
      return data;
    }),
  );
  return sources;
}
