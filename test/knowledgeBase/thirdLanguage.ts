import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KNOWLEDGE_DIR } from './helpers.js';

type Json = Record<string, unknown>;

/** Where the Portuguese examples and words of the third-language tests are. */
const FIXTURES = path.resolve('test/knowledgeBase/fixtures/pt');

/** What every generated Portuguese text starts with, unless it is written out in {@link PT_TEXTS}. */
export const PT_MARK = '[pt] ';

/**
 * Texts written out in Portuguese: the ones the test conversation shows. Every other text is the English one
 * behind {@link PT_MARK}, as a translator would find it to work on.
 */
export const PT_TEXTS: Readonly<Record<string, string>> = {
  'bot.case.opened': 'Abri o caso **{caseId}** para isto, para que nada se perca.',
  'bot.sim.ask':
    'Que SIM está afetado? Envie o ICCID (19–20 dígitos começados por 89), o número de telefone (p. ex. +46701234019) ou os últimos dígitos ("terminado em 4019"). Pode enviar vários de uma vez.',
};

async function readJson(file: string): Promise<Json> {
  return JSON.parse(await readFile(file, 'utf8')) as Json;
}

async function writeJson(file: string, json: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** `value` with a `pt` entry next to its `en` one (`make` turns the English into the Portuguese). */
function withPt<T>(value: Record<string, T>, make: (en: T) => T): Record<string, T> {
  const en = value['en'];
  if (en === undefined) throw new Error('no en entry to start the pt one from');
  return { ...value, pt: make(en) };
}

const marked = (en: string): string => `${PT_MARK}${en}`;

/**
 * A copy of the shipped knowledge with Portuguese added as data only: `languages.json` declares it; texts,
 * plan descriptions, canned replies, team names and articles get a `pt` version (written out where
 * {@link PT_TEXTS} has one, else the English one marked); `nlu/pt.json` and the `identify` and small-talk
 * lists of `nlu/words.pt.json` are real Portuguese (test/knowledgeBase/fixtures/pt). Returns the directory.
 */
export async function knowledgeWithPortuguese(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'firstline-pt-'));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  const at = (relative: string): string => path.join(dir, relative);

  const languages = await readJson(at('languages.json'));
  languages['languages'] = { ...(languages['languages'] as Json), pt: 'Português' };
  await writeJson(at('languages.json'), languages);

  for (const name of await readdir(at('texts'))) {
    if (!name.endsWith('.en.json')) continue;
    const file = await readJson(at(`texts/${name}`));
    const texts = Object.fromEntries(
      Object.entries(file['texts'] as Record<string, string>).map(([key, en]) => [
        key,
        PT_TEXTS[key] ?? marked(en),
      ]),
    );
    await writeJson(at(`texts/${name.replace('.en.json', '.pt.json')}`), { ...file, language: 'pt', texts });
  }

  const plans = await readJson(at('plans.json'));
  for (const plan of plans['plans'] as Json[])
    plan['description'] = withPt(plan['description'] as Record<string, string>, marked);
  await writeJson(at('plans.json'), plans);

  const canned = await readJson(at('canned/replies.json'));
  for (const reply of canned['replies'] as Json[])
    for (const part of ['title', 'text']) reply[part] = withPt(reply[part] as Record<string, string>, marked);
  await writeJson(at('canned/replies.json'), canned);

  const teams = await readJson(at('desk/teams.json'));
  for (const team of teams['teams'] as Json[])
    team['name'] = withPt(team['name'] as Record<string, string>, marked);
  await writeJson(at('desk/teams.json'), teams);

  for (const name of await readdir(at('articles'))) {
    if (!name.endsWith('.json')) continue;
    const article = await readJson(at(`articles/${name}`));
    article['title'] = withPt(article['title'] as Record<string, string>, marked);
    article['answer'] = withPt(article['answer'] as Record<string, string>, marked);
    article['questions'] = withPt(article['questions'] as Record<string, string[]>, (en) => en);
    article['keywords'] = withPt(article['keywords'] as Record<string, string[]>, (en) => en);
    await writeJson(at(`articles/${name}`), article);
  }

  await cp(path.join(FIXTURES, 'pt.json'), at('nlu/pt.json'));
  const en = await readJson(at('nlu/words.en.json'));
  const pt = await readJson(path.join(FIXTURES, 'words.pt.json'));
  await writeJson(at('nlu/words.pt.json'), {
    ...en,
    language: 'pt',
    description: pt['description'],
    identify: pt['identify'],
    lists: { ...(en['lists'] as Json), ...(pt['lists'] as Json) },
    patterns: {
      ...(en['patterns'] as Json),
      suffix: { ...((en['patterns'] as Json)['suffix'] as Json), ...(pt['suffix'] as Json) },
    },
  });
  return dir;
}
