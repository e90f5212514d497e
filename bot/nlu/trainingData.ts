import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { langSchema, type Lang } from '../domain/language.js';
import { INTENTS, type Intent } from './types.js';

const Examples = z
  .array(z.string().trim().min(1, 'an example must not be empty'))
  .min(5, 'at least 5 examples');

/**
 * The training file `knowledge/nlu/<lang>.json`, edited by knowledge editors: examples per intent. (Small talk
 * and every other word list live in `knowledge/nlu/words.<lang>.json`.)
 */
export const TrainingDataSchema = z
  .object({
    $schema: z.string().optional(),
    /** Ignored: the knowledge version is derived from the content. */
    version: z.string().optional(),
    language: langSchema,
    description: z.string().optional(),
    intents: z
      .object(Object.fromEntries(INTENTS.map((i) => [i, Examples])) as Record<Intent, typeof Examples>)
      .strict(),
  })
  .strict()
  .superRefine((data, ctx) => {
    // The same sentence under two intents teaches the model nothing but noise: report both places.
    const seen = new Map<string, string>();
    for (const intent of INTENTS) {
      data.intents[intent].forEach((example, i) => {
        const key = example.toLowerCase().replace(/\s+/g, ' ');
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['intents', intent, i], message: `duplicate of ${first}` });
        } else seen.set(key, `$.intents.${intent}[${i}]`);
      });
    }
  });
export type TrainingData = z.infer<typeof TrainingDataSchema>;

/** Labelled held-out messages (`test/nlu/heldout/<lang>.json`), never used for training. */
export const HeldOutSchema = z
  .object({
    language: langSchema,
    messages: z.array(z.object({ text: z.string().min(1), intent: z.enum(INTENTS) }).strict()).min(1),
  })
  .strict();
export type HeldOut = z.infer<typeof HeldOutSchema>;

function jsonPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>(
    (acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : `${acc}.${String(s)}`),
    '$',
  );
}

/** Parse JSON text against a schema; errors name the file and the JSON path of every problem. */
export function parseJsonFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${file}: ${jsonPath(i.path)}: ${i.message}`);
    throw new Error(problems.join('\n'));
  }
  return result.data;
}

/** A loaded training file with the raw text's hash input. */
export interface LoadedTrainingData {
  file: string;
  text: string;
  data: TrainingData;
}

/** Load and validate `<knowledgeDir>/nlu/<lang>.json`; the file's language must match its name. */
export async function loadTrainingData(knowledgeDir: string, lang: Lang): Promise<LoadedTrainingData> {
  const file = path.join(knowledgeDir, 'nlu', `${lang}.json`);
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`${file}: cannot read NLU training data: ${error.message}`);
  });
  const data = parseJsonFile(file, text, TrainingDataSchema);
  if (data.language !== lang)
    throw new Error(`${file}: $.language: expected "${lang}", found "${data.language}"`);
  return { file, text, data };
}

/** Load and validate a held-out file. */
export async function loadHeldOut(file: string): Promise<HeldOut> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`${file}: cannot read held-out set: ${error.message}`);
  });
  return parseJsonFile(file, text, HeldOutSchema);
}
