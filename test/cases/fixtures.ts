import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { Lang } from '../../bot/domain/language.js';
import type { TextFn } from '../../bot/cases/texts.js';
import { CaseCounter } from '../../bot/cases/caseCounter.js';
import { caseRepository } from '../../bot/cases/caseRepository.js';
import { CaseService, type CaseOrganisation } from '../../bot/cases/caseService.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The texts of `knowledge/texts/cases.<lang>.json` and `desk.<lang>.json`, as loaded from disk. */
export function loadCaseTexts(lang: Lang): Record<string, string> {
  const read = (name: string) =>
    (
      JSON.parse(readFileSync(path.join(root, 'knowledge', 'texts', `${name}.${lang}.json`), 'utf8')) as {
        texts: Record<string, string>;
      }
    ).texts;
  return { ...read('cases'), ...read('desk') };
}

/** A tiny renderer over the two files; a missing key or placeholder fails the test loudly. */
export function testText(): TextFn {
  const texts: Record<string, Record<string, string>> = { en: loadCaseTexts('en'), es: loadCaseTexts('es') };
  return (lang, key, vars) => {
    const template = texts[lang]?.[key];
    if (template === undefined) throw new Error(`missing text ${lang}:${key}`);
    return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const v = vars?.[name];
      if (v === undefined) throw new Error(`text ${lang}:${key} needs {${name}}`);
      return String(v);
    });
  };
}

export const silentLogger: Logger = pino({ level: 'silent' });

export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `firstline-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The demo organisations the directory will hold, as the case code sees them. */
export const ORGS = {
  nordlys: {
    id: 'nordlys',
    name: 'Nordlys Energi',
    vip: true,
    useCase: 'smart metering',
    criticality: 'critical',
  },
  acme: {
    id: 'acme',
    name: 'Acme Logistics',
    vip: false,
    useCase: 'fleet tracking',
    criticality: 'standard',
  },
  consumer: {
    id: 'consumer',
    name: 'Private customer',
    vip: false,
    useCase: 'holiday cottage router',
    criticality: 'low',
  },
} satisfies Record<string, CaseOrganisation>;

/** A CaseService on fresh repositories under `dir`. */
export async function caseServiceAt(dir: string, now?: () => Date): Promise<CaseService> {
  const repo = await caseRepository(path.join(dir, 'cases'), { fsync: false }).open();
  const counters = await CaseCounter.repository(path.join(dir, 'counters')).open();
  return new CaseService({
    repo,
    counter: new CaseCounter(counters),
    text: testText(),
    ...(now ? { now } : {}),
  });
}

/** Open an Acme data outage (the usual test case); `over` changes any field. */
export function openAcmeCase(
  cases: CaseService,
  over: Partial<Parameters<CaseService['open']>[0]> = {},
): ReturnType<CaseService['open']> {
  return cases.open({
    organisation: ORGS.acme,
    contactUserId: 'demo-acme',
    lang: 'en',
    type: 'incident',
    category: 'data',
    severity: 'outage',
    ...over,
  });
}
