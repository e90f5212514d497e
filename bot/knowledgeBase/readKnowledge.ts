import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { inventorySeedSchema } from '../connectivity/inventorySeed.js';
import { directorySeedSchema } from '../directory/schemas.js';
import { type Lang, SpokenLanguages } from '../domain/language.js';
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
import { type LanguagesFile, languagesFileSchema } from './schemas/languagesSchema.js';
import { type FlowTestFile, flowTestFileSchema } from './schemas/flowTestSchema.js';
import { type PlansFile, plansFileSchema } from './schemas/planSchema.js';
import { type RequestsFile, requestsFileSchema } from './schemas/requestsSchema.js';
import { type TextsFile, textsFileSchema } from './schemas/textsSchema.js';
import { JsonSource } from './errors/jsonSource.js';
import { type InlineText, takeInlineTexts } from './inlineTexts.js';
import { zodIssuesToErrors } from './zodIssues.js';

/** A knowledge file that passed its schema, with the name errors should use for it. */
export interface Located<T> {
  file: string;
  data: T;
}

/** Every file of a knowledge directory: path relative to it (with `/`) → text. */
export type KnowledgeFiles = ReadonlyMap<string, string>;

/** Every knowledge file, parsed and schema-checked; cross-file checks come after. */
export interface ParsedKnowledge {
  /**
   * The languages spoken (`languages.json`). When that file is missing or invalid (its own error says so), the
   * languages of the intent files present, so other files are still checked against something sensible.
   */
  languages: SpokenLanguages;
  /** `languages.json`, when it passed its schema. */
  languagesFile?: Located<LanguagesFile>;
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
  /** The files as read (relative path → text). */
  files: KnowledgeFiles;
  /**
   * Files that could not be read, parsed or schema-checked (relative paths). What they would define is unknown,
   * so checks of other files do not report it as missing: one mistake gives one error, not a cascade.
   */
  broken: ReadonlySet<string>;
  /** Plan names found in plans.json, even when one of its plans is invalid (flows may still name them). */
  planNames: ReadonlySet<string>;
  /** Texts written inline in flows, under the keys the loader gave them. */
  inlineTexts: InlineText[];
  /** `tests/<name>.json`: editors' flow tests. */
  tests: Array<Located<FlowTestFile>>;
}

/** The file declaring the languages spoken. */
export const LANGUAGES_FILE = 'languages.json';

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

/** Read every file under `dir` into memory; a file that cannot be read is an error. */
export async function readKnowledgeFiles(
  dir: string,
): Promise<{ files: Map<string, string>; errors: KbError[] }> {
  const files = new Map<string, string>();
  const errors: KbError[] = [];
  for (const relative of await listFiles(dir)) {
    try {
      files.set(relative, await readFile(path.join(dir, relative), 'utf8'));
    } catch (error) {
      errors.push({
        file: path.join(dir, relative),
        path: '$',
        message: `cannot read file: ${(error as Error).message}`,
      });
    }
  }
  return { files, errors };
}

/** The content hash of a set of files: the knowledge version. */
export function versionOf(files: KnowledgeFiles): string {
  const hash = createHash('sha256');
  for (const relative of [...files.keys()].sort()) hash.update(`${relative}\0${files.get(relative) ?? ''}\0`);
  return hash.digest('hex').slice(0, 12);
}

/** What each place under `knowledge/` holds, for the "unknown file" error. */
const LAYOUT =
  'languages.json, flows/<id>.json, plans.json, texts/<name>.<lang>.json, nlu/<lang>.json, nlu/words.<lang>.json, ' +
  'articles/<id>.json, requests.json, canned/replies.json, desk/teams.json, tests/<name>.json, demo/directory.json, ' +
  'demo/inventory.json, schema/*.schema.json, *.md';

/** Options of {@link parseKnowledge}. */
export interface ParseOptions {
  /**
   * Check that `schema/*.schema.json` are current (kb:check, CI). The running bot does not use them, so a reload
   * does not wait for them.
   */
  schemas?: boolean;
}

/**
 * Read every file under `dir`, parse and validate each against its schema: flows, plans, texts, NLU training
 * data and word lists, articles, requests, the demo data and the generated JSON Schemas (which must be up to
 * date). A file Firstline does not read is an error too, so nothing an editor adds is silently ignored.
 * Never throws for bad content: every problem becomes a {@link KbError}.
 */
export async function readKnowledge(
  dir: string,
  options: ParseOptions = {},
): Promise<{ knowledge: ParsedKnowledge; errors: KbError[] }> {
  const read = await readKnowledgeFiles(dir);
  const parsed = parseKnowledge(dir, read.files, options);
  return { knowledge: parsed.knowledge, errors: [...read.errors, ...parsed.errors] };
}

/** {@link readKnowledge} over files already in memory (a reload's candidate, a kept version, a preview). */
export function parseKnowledge(
  dir: string,
  files: KnowledgeFiles,
  options: ParseOptions = {},
): { knowledge: ParsedKnowledge; errors: KbError[] } {
  const errors: KbError[] = [];
  const broken = new Set<string>();
  const flows = new Map<string, Located<FlowFile>>();
  const texts: ParsedKnowledge['texts'] = [];
  const training: ParsedKnowledge['training'] = [];
  const words: ParsedKnowledge['words'] = [];
  const articles: ParsedKnowledge['articles'] = [];
  const planNames = new Set<string>();
  const inlineTexts: InlineText[] = [];
  const tests: ParsedKnowledge['tests'] = [];
  let plans: Located<PlansFile> | undefined;
  let requests: Located<RequestsFile> | undefined;
  let canned: Located<CannedRepliesFile> | undefined;
  let teams: Located<TeamsFile> | undefined;
  const schemas = options.schemas === false ? {} : generateJsonSchemas(files);

  /** Parse one file; a syntax error is the only error of that file (its other checks are skipped). */
  function json(relative: string): unknown {
    const file = path.join(dir, relative);
    const source = new JsonSource(files.get(relative) ?? '');
    if (source.syntax) {
      broken.add(relative);
      const { line, column, message, suggestion } = source.syntax;
      errors.push({
        file,
        path: '$',
        message: `invalid JSON: ${message}`,
        line,
        column,
        where: '$',
        ...(suggestion ? { suggestion } : {}),
      });
      return undefined;
    }
    return source.value();
  }

  function load<T>(relative: string, schema: z.ZodType<T>, raw: unknown = json(relative)): T | undefined {
    if (raw === undefined) return undefined;
    const result = schema.safeParse(raw);
    if (!result.success) {
      broken.add(relative);
      errors.push(...zodIssuesToErrors(path.join(dir, relative), result.error.issues, schema, raw));
      return undefined;
    }
    return result.data;
  }

  const languagesData = files.has(LANGUAGES_FILE) ? load(LANGUAGES_FILE, languagesFileSchema) : undefined;
  const languagesFile = languagesData
    ? { file: path.join(dir, LANGUAGES_FILE), data: languagesData }
    : undefined;
  const languages = languagesData
    ? new SpokenLanguages(Object.keys(languagesData.languages), languagesData.default)
    : languagesOfFiles(files);

  /** A file named for a language must hold that language, and the language must be one Firstline speaks. */
  function languageMatches(
    relative: string,
    named: string | undefined,
    found: string,
    known = true,
  ): boolean {
    const file = path.join(dir, relative);
    if (known && !languages.has(named)) {
      broken.add(relative);
      errors.push({
        file,
        path: '$',
        message: `"${named}" is not a language Firstline speaks (${languages.list.join(', ')})`,
        suggestion: `declare it in ${LANGUAGES_FILE}`,
      });
      return false;
    }
    if (found !== named) {
      broken.add(relative);
      errors.push({
        file,
        path: '$.language',
        message: `language "${found}" does not match the file name (${named})`,
        suggestion: `write "language": "${named}"`,
      });
      return false;
    }
    return true;
  }

  /** Flows and articles are named after their id. */
  function idMatchesFile(relative: string, name: string, kind: string, id: string): boolean {
    const expected = name.slice(0, -'.json'.length);
    if (id === expected) return true;
    broken.add(relative);
    errors.push({
      file: path.join(dir, relative),
      path: '$.id',
      message: `${kind} id "${id}" must equal the file name "${expected}"`,
      suggestion: `write "id": "${expected}", or rename the file to ${id}.json`,
    });
    return false;
  }

  for (const relative of [...files.keys()].sort()) {
    const file = path.join(dir, relative);
    const [folder, name = ''] = relative.includes('/') ? relative.split(/\/(.*)/s) : ['', relative];
    if (relative === 'schema/names.md' && options.schemas !== false) {
      if (files.get(relative) !== schemas['names.md'])
        errors.push({
          file,
          path: '$',
          message: 'out of date with the code (or the zones of plans.json): run npm run kb:schema',
        });
      continue;
    }
    if (name.endsWith('.md') || relative.endsWith('.md') || relative === LANGUAGES_FILE) continue;
    if (folder === 'flows' && name.endsWith('.json') && !name.includes('/')) {
      const data = load(relative, flowFileSchema);
      if (data && idMatchesFile(relative, name, 'flow', data.id)) {
        inlineTexts.push(...takeInlineTexts(data, file));
        flows.set(data.id, { file, data });
      }
    } else if (relative === 'plans.json') {
      const raw = json(relative);
      for (const plan of plansOf(raw)) planNames.add(plan);
      const data = load(relative, plansFileSchema, raw);
      if (data) plans = { file, data };
    } else if (relative === 'requests.json') {
      const data = load(relative, requestsFileSchema);
      if (data) requests = { file, data };
    } else if (folder === 'texts' && TEXTS_FILE.test(name)) {
      const data = load(relative, textsFileSchema);
      if (data && languageMatches(relative, TEXTS_FILE.exec(name)?.[2], data.language))
        texts.push({ file, data, lang: data.language });
    } else if (folder === 'nlu' && WORDS_FILE.test(name)) {
      const data = load(relative, wordsFileSchema);
      // A third language's word lists load without code: they only need their own file.
      if (data && languageMatches(relative, WORDS_FILE.exec(name)?.[1], data.language, false))
        words.push({ file, data });
    } else if (folder === 'nlu' && TRAINING_FILE.test(name)) {
      const data = load(relative, TrainingDataSchema);
      if (data && languageMatches(relative, TRAINING_FILE.exec(name)?.[1], data.language))
        training.push({ file, data });
    } else if (folder === 'articles' && ARTICLE_FILE.test(name)) {
      const data = load(relative, articleFileSchema);
      if (data && idMatchesFile(relative, name, 'article', data.id)) articles.push({ file, data });
    } else if (relative === 'canned/replies.json') {
      const data = load(relative, cannedRepliesFileSchema);
      if (data) canned = { file, data };
    } else if (relative === 'desk/teams.json') {
      const data = load(relative, teamsFileSchema);
      if (data) teams = { file, data };
    } else if (relative === 'demo/directory.json') {
      load(relative, directorySeedSchema);
    } else if (relative === 'demo/inventory.json') {
      load(relative, inventorySeedSchema);
    } else if (folder === 'tests' && name.endsWith('.json') && !name.includes('/')) {
      const data = load(relative, flowTestFileSchema);
      if (data) tests.push({ file, data });
    } else if (folder === 'schema' && name.endsWith('.schema.json')) {
      // Without a readable plans.json the zones are unknown: its own error says why.
      if (options.schemas === false || (name === 'plans.schema.json' && broken.has('plans.json'))) continue;
      const raw = json(relative);
      if (raw === undefined) continue;
      const expected = schemas[name];
      if (expected === undefined)
        errors.push({
          file,
          path: '$',
          message: `not a schema Firstline generates (${Object.keys(schemas).join(', ')})`,
        });
      else if (JSON.stringify(raw) !== JSON.stringify(JSON.parse(expected)))
        errors.push({
          file,
          path: '$',
          message: 'out of date with the code (or the zones of plans.json): run npm run kb:schema',
        });
    } else {
      errors.push({ file, path: '$', message: `not a knowledge file Firstline reads (expected ${LAYOUT})` });
    }
  }

  const missing = (name: string): undefined => {
    if (!files.has(name)) errors.push({ file: path.join(dir, name), path: '$', message: 'file is missing' });
    return undefined;
  };
  if (!files.has(LANGUAGES_FILE)) missing(LANGUAGES_FILE);
  return {
    knowledge: {
      languages,
      ...(languagesFile ? { languagesFile } : {}),
      flows,
      plans: plans ?? missing('plans.json'),
      texts,
      training,
      words,
      articles,
      requests: requests ?? missing('requests.json'),
      ...(canned ? { canned } : {}),
      ...(teams ? { teams } : {}),
      version: versionOf(files),
      fileCount: files.size,
      files,
      broken,
      planNames,
      inlineTexts,
      tests,
    },
    errors,
  };
}

/** The languages of the intent files present (`nlu/<lang>.json`), English the default when there: a stand-in. */
function languagesOfFiles(files: KnowledgeFiles): SpokenLanguages {
  const found = [...files.keys()].flatMap((relative) => {
    const lang = /^nlu\/([a-z]{2})\.json$/.exec(relative)?.[1];
    return lang ? [lang] : [];
  });
  const list = found.length > 0 ? found : ['en'];
  return new SpokenLanguages(list, list.includes('en') ? 'en' : (list[0] ?? 'en'));
}

/** Names of the plans in a plans.json value, whatever else is wrong with it. */
function plansOf(raw: unknown): string[] {
  const list = (raw as { plans?: unknown } | undefined)?.plans;
  if (!Array.isArray(list)) return [];
  return list.flatMap((plan) => {
    const name = (plan as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [name] : [];
  });
}
