import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SpokenLanguages } from '../domain/language.js';
import { parseJsonFile } from '../nlu/trainingData.js';
import { LANGUAGES_FILE } from './readKnowledge.js';
import { languagesFileSchema } from './schemas/languagesSchema.js';

/**
 * The languages declared in `<knowledgeDir>/languages.json`, for tools that run without the knowledge-base
 * store (the NLU evaluation, the classify CLI); throws naming the file and JSON path when it is invalid.
 */
export async function loadLanguages(knowledgeDir: string): Promise<SpokenLanguages> {
  const file = path.join(knowledgeDir, LANGUAGES_FILE);
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`${file}: cannot read the languages: ${error.message}`);
  });
  const data = parseJsonFile(file, text, languagesFileSchema);
  return new SpokenLanguages(Object.keys(data.languages), data.default);
}
