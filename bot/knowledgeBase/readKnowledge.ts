import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { inventorySeedSchema } from '../connectivity/inventorySeed.js';
import { directorySeedSchema } from '../directory/schemas.js';
import { LANGUAGES, type Lang } from '../domain/language.js';
import { TrainingDataSchema, type TrainingData } from '../nlu/trainingData.js';
import { WORDS_FILE } from '../nlu/words/loadWords.js';
import { wordsFileSchema, type WordsFile } from '../nlu/words/wordsSchema.js';
import { generateJsonSchemas } from './jsonSchemas.js';
import type { KbError } from './kbError.js';
import { type ArticleFile, articleFileSchema } from './schemas/articleSchema.js';
import {
  type CannedRepliesFile,
  cannedRepliesFileSchema,
  type TeamsFile,
  teamsFileSchema,
} from './schemas/deskSchema.js';
import { type FlowFile, flowFileSchema } from './schemas/flowSchema.js';
import { type PlansFile, plansFileSchema } from './schemas/planSchema.js';
import { type RequestsFile, requestsFileSchema } from './schemas/requestsSchema.js';
import { type TextsFile, textsFileSchema } from './schemas/textsSchema.js';
import { zodIssuesToErrors } from './zodIssues.js';

/** A knowledge file that passed its schema, with the name errors should use for it. */
export interface Located<T> {
  file: string;
  data: T;
}

/** Every knowledge file, parsed and schema-checked; cross-file checks come after. */
export interface ParsedKnowledge {
  flows: Map<string, Located<FlowFile>>;
  plans: Located<PlansFile> | undefined;
  texts: Array<Located<TextsFile> & { lang: Lang }>;
  /** `nlu/<lang>.json`: intent training examples. */
  training: Array<Located<TrainingData>>;
  /** `nlu/words.<lang>.json`: the word lists. */
  words: Array<Located<WordsFile>>;
  /** `articles/<id>.json`: how-to answers. */
  articles: Array<Located<ArticleFile>>;
  /** `requests.json`: what orders and requests collect. */
  requests: Located<RequestsFile> | undefined;
  /** `canned/replies.json` (optional: no file, no canned replies). */
  canned?: Located<CannedRepliesFile>;
  /** `desk/teams.json` (optional: no file, no teams). */
  teams?: Located<TeamsFile>;
  /** Content hash over every file read: the knowledge base's version id. */
  version: string;
  fileCount: number;
}

const TEXTS_FILE = /^([a-z][a-z0-9_-]*)\.([a-z]{2})\.json$/;
const TRAINING_FILE = /^([a-z]{2})\.json$/;
const ARTICLE_FILE = /^([a-z][a-z0-9_]*)\.json$/;

/** Every file under `dir` (recursively), as paths relative to it with `/`, sorted; dot-files skipped. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && prefix === '') return [];
    throw error;
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, relative)));
    else out.push(relative);
  }
  return out.sort();
}

/** What each place under `knowledge/` holds, for the "unknown file" error. */
const LAYOUT =
  'flows/<id>.json, plans.json, texts/<name>.<lang>.json, nlu/<lang>.json, nlu/words.<lang>.json, ' +
  'articles/<id>.json, requests.json, canned/replies.json, desk/teams.json, demo/directory.json, ' +
  'demo/inventory.json, schema/*.schema.json, *.md';

/**
 * Read every file under `dir`, parse and validate each against its schema: flows, plans, texts, NLU training
 * data and word lists, articles, requests, the demo data and the generated JSON Schemas (which must be up to
 * date). A file Firstline does not read is an error too, so nothing an editor adds is silently ignored.
 * Never throws for bad content: every problem becomes a {@link KbError}.
 */
export async function readKnowledge(dir: string): Promise<{ knowledge: ParsedKnowledge; errors: KbError[] }> {
  const errors: KbError[] = [];
  const hash = createHash('sha256');
  let fileCount = 0;
  const flows = new Map<string, Located<FlowFile>>();
  const texts: ParsedKnowledge['texts'] = [];
  const training: ParsedKnowledge['training'] = [];
  const words: ParsedKnowledge['words'] = [];
  const articles: ParsedKnowledge['articles'] = [];
  let plans: Located<PlansFile> | undefined;
  let requests: Located<RequestsFile> | undefined;
  let canned: Located<CannedRepliesFile> | undefined;
  let teams: Located<TeamsFile> | undefined;
  const schemas = generateJsonSchemas();

  async function readText(file: string): Promise<string | undefined> {
    try {
      const raw = await readFile(file, 'utf8');
      fileCount += 1;
      hash.update(`${path.relative(dir, file)}\0${raw}\0`);
      return raw;
    } catch (error) {
      errors.push({ file, path: '$', message: `cannot read file: ${(error as Error).message}` });
      return undefined;
    }
  }

  async function load<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const raw = await readText(file);
    if (raw === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      errors.push({ file, path: '$', message: `invalid JSON: ${(error as Error).message}` });
      return undefined;
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      errors.push(...zodIssuesToErrors(file, result.error.issues));
      return undefined;
    }
    return result.data;
  }

  /** A file named for a language must hold that language, and the language must be one Firstline speaks. */
  function languageMatches(file: string, named: string | undefined, found: string, known = true): boolean {
    if (known && !(LANGUAGES as readonly string[]).includes(named ?? '')) {
      errors.push({
        file,
        path: '$',
        message: `"${named}" is not a language Firstline speaks (${LANGUAGES.join(', ')})`,
      });
      return false;
    }
    if (found !== named) {
      errors.push({
        file,
        path: '$.language',
        message: `language "${found}" does not match the file name (${named})`,
      });
      return false;
    }
    return true;
  }

  /** Flows and articles are named after their id. */
  function idMatchesFile(file: string, name: string, kind: string, id: string): boolean {
    const expected = name.slice(0, -'.json'.length);
    if (id === expected) return true;
    errors.push({ file, path: '$.id', message: `${kind} id "${id}" must equal the file name "${expected}"` });
    return false;
  }

  for (const relative of await listFiles(dir)) {
    const file = path.join(dir, relative);
    const [folder, name = ''] = relative.includes('/') ? relative.split(/\/(.*)/s) : ['', relative];
    if (name.endsWith('.md') || relative.endsWith('.md')) continue;
    if (folder === 'flows' && name.endsWith('.json') && !name.includes('/')) {
      const data = await load(file, flowFileSchema);
      if (data && idMatchesFile(file, name, 'flow', data.id)) flows.set(data.id, { file, data });
    } else if (relative === 'plans.json') {
      const data = await load(file, plansFileSchema);
      if (data) plans = { file, data };
    } else if (relative === 'requests.json') {
      const data = await load(file, requestsFileSchema);
      if (data) requests = { file, data };
    } else if (folder === 'texts' && TEXTS_FILE.test(name)) {
      const data = await load(file, textsFileSchema);
      if (data && languageMatches(file, TEXTS_FILE.exec(name)?.[2], data.language))
        texts.push({ file, data, lang: data.language });
    } else if (folder === 'nlu' && WORDS_FILE.test(name)) {
      const data = await load(file, wordsFileSchema);
      // A third language's word lists load without code: they only need their own file.
      if (data && languageMatches(file, WORDS_FILE.exec(name)?.[1], data.language, false))
        words.push({ file, data });
    } else if (folder === 'nlu' && TRAINING_FILE.test(name)) {
      const data = await load(file, TrainingDataSchema);
      if (data && languageMatches(file, TRAINING_FILE.exec(name)?.[1], data.language))
        training.push({ file, data });
    } else if (folder === 'articles' && ARTICLE_FILE.test(name)) {
      const data = await load(file, articleFileSchema);
      if (data && idMatchesFile(file, name, 'article', data.id)) articles.push({ file, data });
    } else if (relative === 'canned/replies.json') {
      const data = await load(file, cannedRepliesFileSchema);
      if (data) canned = { file, data };
    } else if (relative === 'desk/teams.json') {
      const data = await load(file, teamsFileSchema);
      if (data) teams = { file, data };
    } else if (relative === 'demo/directory.json') {
      await load(file, directorySeedSchema);
    } else if (relative === 'demo/inventory.json') {
      await load(file, inventorySeedSchema);
    } else if (folder === 'schema' && name in schemas) {
      const raw = await readText(file);
      if (raw === undefined) continue;
      let same = false;
      try {
        same = JSON.stringify(JSON.parse(raw)) === JSON.stringify(JSON.parse(schemas[name] ?? ''));
      } catch (error) {
        errors.push({ file, path: '$', message: `invalid JSON: ${(error as Error).message}` });
        continue;
      }
      if (!same)
        errors.push({ file, path: '$', message: 'out of date with the code: run npm run kb:schema' });
    } else {
      errors.push({ file, path: '$', message: `not a knowledge file Firstline reads (expected ${LAYOUT})` });
    }
  }

  return {
    knowledge: {
      flows,
      plans: plans ?? (await missing(dir, 'plans.json', errors)),
      texts,
      training,
      words,
      articles,
      requests: requests ?? (await missing(dir, 'requests.json', errors)),
      ...(canned ? { canned } : {}),
      ...(teams ? { teams } : {}),
      version: hash.digest('hex').slice(0, 12),
      fileCount,
    },
    errors,
  };
}

/** A required single file that was not there (a schema failure was reported already). */
async function missing(dir: string, name: string, errors: KbError[]): Promise<undefined> {
  const file = path.join(dir, name);
  if (!errors.some((e) => e.file === file)) errors.push({ file, path: '$', message: 'file is missing' });
  return undefined;
}
