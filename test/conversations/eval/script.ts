import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseJsonFile } from '../../../bot/nlu/trainingData.js';

const lang = z.enum(['en', 'es']);

/**
 * One customer turn: typed text, a button (text key, in the turn's language) or a card's submit value. A typed turn is
 * in the language it is clearly written in, else in the turn before's (the script's `lang` for the first); `lang`
 * states it outright, for this turn and the untold ones after it.
 */
const turnSchema = z.union([
  z.string().min(1),
  z.strictObject({ say: z.string().min(1), lang: lang.optional() }),
  z.strictObject({ tap: z.string().min(1), lang: lang.optional() }),
  z.strictObject({ submit: z.record(z.string(), z.unknown()), lang: lang.optional() }),
]);
export type ScriptTurn = z.infer<typeof turnSchema>;

/** What the conversation must reach (everything optional; all that is given must hold). */
const expectSchema = z.strictObject({
  /** The conversation's case: `null` = no case may be opened. */
  case: z
    .strictObject({
      type: z.enum(['incident', 'information_request', 'service_request', 'order']).optional(),
      status: z.string().optional(),
      category: z.string().optional(),
      sims: z.array(z.string()).optional(),
      findings: z.array(z.string()).optional(),
      minAffected: z.number().int().optional(),
      priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
      request: z.record(z.string(), z.string()).optional(),
      lang: lang.optional(),
    })
    .nullable()
    .optional(),
  /** Handed to a person (with this reason: the general one, or a troubleshooting flow's own), or not. */
  handoff: z.union([z.boolean(), z.string()]).optional(),
  /** Texts some reply must contain. */
  says: z.array(z.string()).optional(),
  /** Knowledge texts (key, in the expected language, up to the first placeholder) some reply must contain. */
  saysKey: z.array(z.string()).optional(),
  /** An article answered: its id (`knowledge/articles/<id>.json`), or the first line of its answer in the expected language. */
  article: z.string().optional(),
  /** Texts no reply may contain. */
  never: z.array(z.string()).optional(),
});
export type ScriptExpect = z.infer<typeof expectSchema>;

export const scriptSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The class of issue 12 it samples (1–11; round 2: 12 yes/no answers, 13 a person promised, 14 own data only). */
  class: z.number().int().min(1).max(14),
  lang: lang,
  user: z.string().min(1),
  title: z.string().min(1),
  turns: z.array(turnSchema).min(1),
  expect: expectSchema,
});
export type Script = z.infer<typeof scriptSchema>;

const fileSchema = z.strictObject({
  $comment: z.string().optional(),
  conversations: z.array(scriptSchema).min(1),
});

/** Every script of `dir/*.json`, validated (errors name the file and JSON path); ids must be unique. */
export async function loadScripts(dir: string): Promise<Script[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const scripts: Script[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    scripts.push(...parseJsonFile(file, await readFile(file, 'utf8'), fileSchema).conversations);
  }
  const seen = new Set<string>();
  for (const s of scripts) {
    if (seen.has(s.id)) throw new Error(`${dir}: conversation id "${s.id}" is used twice`);
    seen.add(s.id);
  }
  return scripts;
}
