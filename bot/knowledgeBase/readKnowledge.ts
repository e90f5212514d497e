import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { LANGUAGES, type Lang } from '../domain/language.js';
import type { KbError } from './kbError.js';
import { type FlowFile, flowFileSchema } from './schemas/flowSchema.js';
import { type PlansFile, plansFileSchema } from './schemas/planSchema.js';
import { type TextsFile, textsFileSchema } from './schemas/textsSchema.js';
import {
  type CannedRepliesFile,
  cannedRepliesFileSchema,
  type TeamsFile,
  teamsFileSchema,
} from './schemas/deskSchema.js';
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
  /** `canned/replies.json` (optional: no file, no canned replies). */
  canned?: Located<CannedRepliesFile>;
  /** `desk/teams.json` (optional: no file, no teams). */
  teams?: Located<TeamsFile>;
  /** Content hash over every file read: the knowledge base's version id. */
  version: string;
  fileCount: number;
}

const TEXTS_FILE = /^([a-z][a-z0-9_-]*)\.([a-z]{2})\.json$/;

async function listJson(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Read `flows/*.json`, `plans.json` and `texts/*.<lang>.json` under `dir`, parse and validate each
 * against its schema. Never throws for bad content: every problem becomes a {@link KbError}.
 */
export async function readKnowledge(dir: string): Promise<{ knowledge: ParsedKnowledge; errors: KbError[] }> {
  const errors: KbError[] = [];
  const hash = createHash('sha256');
  let fileCount = 0;

  async function load<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (error) {
      errors.push({ file, path: '$', message: `cannot read file: ${(error as Error).message}` });
      return undefined;
    }
    fileCount += 1;
    hash.update(`${path.relative(dir, file)}\0${raw}\0`);
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

  const flows = new Map<string, Located<FlowFile>>();
  for (const name of await listJson(path.join(dir, 'flows'))) {
    const file = path.join(dir, 'flows', name);
    const data = await load(file, flowFileSchema);
    if (!data) continue;
    const expected = name.slice(0, -'.json'.length);
    if (data.id !== expected) {
      errors.push({
        file,
        path: '$.id',
        message: `flow id "${data.id}" must equal the file name "${expected}"`,
      });
      continue;
    }
    flows.set(data.id, { file, data });
  }

  const plansFile = path.join(dir, 'plans.json');
  const plansData = await load(plansFile, plansFileSchema);
  const plans = plansData ? { file: plansFile, data: plansData } : undefined;

  const texts: ParsedKnowledge['texts'] = [];
  for (const name of await listJson(path.join(dir, 'texts'))) {
    const file = path.join(dir, 'texts', name);
    const match = TEXTS_FILE.exec(name);
    const lang = match?.[2];
    if (!lang || !(LANGUAGES as readonly string[]).includes(lang)) {
      errors.push({ file, path: '$', message: `texts files are named <name>.<${LANGUAGES.join('|')}>.json` });
      continue;
    }
    const data = await load(file, textsFileSchema);
    if (!data) continue;
    if (data.language !== lang) {
      errors.push({
        file,
        path: '$.language',
        message: `language "${data.language}" does not match the file name (${lang})`,
      });
      continue;
    }
    texts.push({ file, data, lang: data.language });
  }

  const optional = async <T>(file: string, schema: z.ZodType<T>): Promise<Located<T> | undefined> => {
    if ((await listJson(path.dirname(file))).includes(path.basename(file))) {
      const data = await load(file, schema);
      if (data) return { file, data };
    }
    return undefined;
  };
  const canned = await optional(path.join(dir, 'canned', 'replies.json'), cannedRepliesFileSchema);
  const teams = await optional(path.join(dir, 'desk', 'teams.json'), teamsFileSchema);

  return {
    knowledge: {
      flows,
      plans,
      texts,
      ...(canned ? { canned } : {}),
      ...(teams ? { teams } : {}),
      version: hash.digest('hex').slice(0, 12),
      fileCount,
    },
    errors,
  };
}
