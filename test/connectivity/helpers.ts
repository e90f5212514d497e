import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { formatControlCenterDate } from '../../bot/connectivity/controlCenterSchemas.js';
import type { TextFn } from '../../bot/connectivity/findingText.js';
import { simRepository, type SimRecord } from '../../bot/connectivity/simRecord.js';
import { recordsFromSeed, inventorySeedSchema } from '../../bot/connectivity/inventorySeed.js';
import type { Lang } from '../../bot/domain/language.js';
import type { Plan, PlanCatalogue } from '../../bot/knowledgeBase/types.js';
import type { Repository } from '../../bot/storage/repository.js';
import { CountryIndex, type CountrySource } from '../../bot/nlu/entities/countries.js';

const root = path.resolve(import.meta.dirname, '../..');
export const INVENTORY_FILE = path.join(root, 'knowledge/demo/inventory.json');
export const DIRECTORY_FILE = path.join(root, 'knowledge/demo/directory.json');

export const silentLogger = pino({ level: 'silent' });

/** Texts straight from the two JSON files; a missing key throws so tests catch it. */
/** The languages the shipped findings texts are written in. */
export const SHIPPED_LANGUAGES: readonly Lang[] = ['en', 'es'];

export function fileTexts(): TextFn {
  const tables = new Map<Lang, Record<string, string>>();
  for (const lang of SHIPPED_LANGUAGES) {
    const file = JSON.parse(
      readFileSync(path.join(root, `knowledge/texts/findings.${lang}.json`), 'utf8'),
    ) as {
      texts: Record<string, string>;
    };
    tables.set(lang, file.texts);
  }
  return (lang, key, vars = {}) => {
    const template = tables.get(lang)?.[key];
    if (template === undefined) throw new Error(`missing text ${lang}:${key}`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  };
}

/** The plan catalogue built from knowledge/plans.json (the knowledge helper's loader may not exist yet). */
/** The shipped country names (`knowledge/nlu/words.<lang>.json`, `countries`). */
export function fileCountries(): CountryIndex {
  return new CountryIndex(
    (['en', 'es'] as const).map(
      (lang) =>
        JSON.parse(
          readFileSync(path.join(root, `knowledge/nlu/words.${lang}.json`), 'utf8'),
        ) as CountrySource,
    ),
  );
}

export function fileCatalogue(): PlanCatalogue {
  const file = JSON.parse(readFileSync(path.join(root, 'knowledge/plans.json'), 'utf8')) as {
    zones: Record<string, string[]>;
    plans: Plan[];
  };
  const plans = new Map(file.plans.map((p) => [p.name, p]));
  return {
    getPlan: (name) => plans.get(name),
    allowedCountries: (plan) =>
      new Set([
        plan.homeCountry,
        ...plan.roaming.zones.flatMap((z) => file.zones[z] ?? []),
        ...plan.roaming.countries,
      ]),
  };
}

/** Demo inventory records as of `now`. */
export function demoRecords(now: Date): SimRecord[] {
  return recordsFromSeed(inventorySeedSchema.parse(JSON.parse(readFileSync(INVENTORY_FILE, 'utf8'))), now);
}

/**
 * A record as far as a platform like Control Center describes it: without what only our inventory
 * knows (last country and operator, the APN the device asked for).
 */
export function platformOnly(record: SimRecord): SimRecord {
  return { ...record, lastCountry: null, lastOperator: null, requestedApn: null };
}

/**
 * A copy of the shipped knowledge base whose demo inventory carries only what Control Center reports
 * ({@link platformOnly}): an embedded server on it must answer exactly like one on Control Center.
 */
export async function knowledgeWithPlatformOnlyInventory(): Promise<{
  dir: string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-knowledge-'));
  await cp(path.join(root, 'knowledge'), dir, { recursive: true });
  const seed = JSON.parse(readFileSync(INVENTORY_FILE, 'utf8')) as {
    sims: Array<Record<string, unknown>>;
    generated: Array<{ template: Record<string, unknown> }>;
  };
  const strip = (sim: Record<string, unknown>) => ({
    ...sim,
    lastCountry: null,
    lastOperator: null,
    requestedApn: null,
  });
  seed.sims = seed.sims.map(strip);
  for (const gen of seed.generated) gen.template = strip(gen.template);
  await writeFile(path.join(dir, 'demo', 'inventory.json'), JSON.stringify(seed));
  // The editors' flow tests walk the shipped demo SIMs; with this platform's poorer data they would not hold
  // (nor are they meant to: this copy exists to compare providers, not to ship).
  await rm(path.join(dir, 'tests'), { recursive: true, force: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh directory for repositories, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firstline-conn-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function inventoryRepo(dir: string, records: SimRecord[] = []): Promise<Repository<SimRecord>> {
  const repo = await simRepository(path.join(dir, 'sims'), { fsync: false }).open();
  for (const r of records) await repo.put(r);
  return repo;
}

/** A Control Center lookalike on 127.0.0.1, serving the documented shapes from inventory records. */
export interface FakeControlCenter {
  baseUrl: string;
  /** Every request: path, arrival time and how many were in flight when it arrived. */
  requests: Array<{ path: string; at: number; concurrent: number; auth: string | undefined }>;
  /** Override the answer for the next requests (status + body + headers + delay). */
  script: Array<{ status: number; body: unknown; headers?: Record<string, string>; delayMs?: number }>;
  delayMs: number;
  /** When set, every request gets this answer (after `delayMs`, or its own) until it is cleared: a platform outage. */
  always?: { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number } | undefined;
  close(): Promise<void>;
}

export const CC_USER = 'firstline-api';
export const CC_KEY = 'k3y-secret-abc';

export async function startFakeControlCenter(records: SimRecord[]): Promise<FakeControlCenter> {
  const byIccid = new Map(records.map((r) => [r.id, r]));
  let inFlight = 0;
  const fake: FakeControlCenter = {
    baseUrl: '',
    requests: [],
    script: [],
    delayMs: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const expectedAuth = `Basic ${Buffer.from(`${CC_USER}:${CC_KEY}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    inFlight += 1;
    fake.requests.push({
      path: req.url ?? '',
      at: Date.now(),
      concurrent: inFlight,
      auth: req.headers.authorization,
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      const payload = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload);
    };
    const answer = (): void => {
      inFlight -= 1;
      if (res.destroyed) return;
      const scripted = fake.script.shift() ?? fake.always;
      if (scripted) return send(scripted.status, scripted.body, scripted.headers);
      if (req.headers.authorization !== expectedAuth) {
        return send(401, { errorCode: '10000001', errorMessage: 'Invalid credentials' });
      }
      const m = /^\/rws\/api\/v1\/devices\/(\d+)(\/sessionInfo|\/ctdUsages)?$/.exec(req.url ?? '');
      const record = m?.[1] ? byIccid.get(m[1]) : undefined;
      if (!m || !record) return send(404, { errorCode: '10000003', errorMessage: 'Resource not found' });
      if (m[2] === '/sessionInfo') {
        return send(200, {
          iccid: record.id,
          dateSessionStarted: formatControlCenterDate(record.session.dateSessionStarted),
          dateSessionEnded: formatControlCenterDate(record.session.dateSessionEnded),
          ipAddress: record.session.ipAddress,
          ipv6Address: record.session.ipv6Address,
        });
      }
      if (m[2] === '/ctdUsages') return send(200, { iccid: record.id, ...record.usage });
      return send(200, {
        iccid: record.id,
        imsi: record.imsi,
        msisdn: record.msisdn,
        imei: record.imei,
        status: record.status,
        ratePlan: record.ratePlan,
        communicationPlan: record.communicationPlan,
        customer: null,
        endConsumerId: null,
        dateActivated: formatControlCenterDate(record.dateActivated),
        dateUpdated: formatControlCenterDate(record.dateUpdated),
        dateShipped: null,
        accountId: '100020620',
        fixedIPAddress: record.fixedIPAddress,
        fixedIpv6Address: null,
        operatorCustom1: '',
      });
    };
    const delay =
      fake.script[0]?.delayMs ??
      (fake.script.length === 0 ? fake.always?.delayMs : undefined) ??
      fake.delayMs;
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

// ——— Conversation-test helpers (SIM look-up, provider switch, Teams) ———

/** Every knowledge text of one language (all `knowledge/texts/*.<lang>.json` merged), as the bot loads them. */
export function knowledgeTexts(lang: Lang): Record<string, string> {
  const dir = path.join(root, 'knowledge/texts');
  const merged: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith(`.${lang}.json`))) {
    const file = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { texts: Record<string, string> };
    Object.assign(merged, file.texts);
  }
  return merged;
}

/** A knowledge text with its placeholders filled in (a missing key throws). */
export function renderText(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const template = knowledgeTexts(lang)[key];
  if (template === undefined) throw new Error(`missing text ${lang}:${key}`);
  return template.replace(/\{([\w.]+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/**
 * A regular expression matching a knowledge text with any values in its placeholders, e.g. for
 * `finding.APN_MISMATCH.explanation`. `fixed` pins some placeholders to exact values.
 */
export function textPattern(lang: Lang, key: string, fixed: Record<string, string | number> = {}): RegExp {
  const template = knowledgeTexts(lang)[key];
  if (template === undefined) throw new Error(`missing text ${lang}:${key}`);
  const parts = template.split(/(\{[\w.]+\})/);
  const source = parts
    .map((part) => {
      const name = /^\{([\w.]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return name in fixed ? String(fixed[name]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '[\\s\\S]+?';
    })
    .join('');
  return new RegExp(source);
}

/** The demo SIMs of one organisation. */
export function demoSimsOf(organisationId: string, now: Date = new Date()): SimRecord[] {
  return demoRecords(now).filter((r) => r.organisationId === organisationId);
}

/** A card payload as it comes back in a reply. */
export interface CardPayload {
  type?: string;
  version?: string;
  body?: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
}

/** The Adaptive Cards among replies (content of every `application/vnd.microsoft.card.adaptive` attachment). */
export function adaptiveCards(
  replies: ReadonlyArray<{ attachments?: Array<{ contentType: string; content: unknown }> }>,
): CardPayload[] {
  return replies.flatMap((r) =>
    (r.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content as CardPayload),
  );
}

/** Every FactSet of a card as `title → value` maps, in order. */
export function factSets(card: CardPayload): Array<Record<string, string>> {
  return (card.body ?? [])
    .filter((e) => e['type'] === 'FactSet')
    .map((e) =>
      Object.fromEntries(
        (e['facts'] as Array<{ title: string; value: string }>).map((f) => [f.title, f.value]),
      ),
    );
}
