import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import { luhnCheckDigit, luhnValid } from '../nlu/luhn.js';
import type { Repository } from '../storage/repository.js';
import { simRecordSchema, type SimRecord } from './simRecord.js';

const HOUR_MS = 3_600_000;

/** One SIM in `knowledge/demo/inventory.json`; times are relative so the demo stays true any day. */
const seedSimSchema = z.strictObject({
  iccid: z
    .string()
    .regex(/^\d{18,22}$/)
    .refine(luhnValid, 'ICCID check digit is wrong'),
  organisationId: z.string().min(1),
  imsi: z.string().nullable(),
  msisdn: z.string().nullable(),
  imei: z.string().nullable(),
  status: z.string().min(1),
  ratePlan: z.string().nullable(),
  communicationPlan: z.string().nullable(),
  activatedDaysAgo: z.number().nonnegative().nullable(),
  updatedHoursAgo: z.number().nonnegative().nullable(),
  fixedIPAddress: z.string().nullable(),
  lastCountry: z.string().length(2).nullable(),
  lastOperator: z.string().nullable(),
  requestedApn: z.string().nullable(),
  session: z.strictObject({
    /** Null = never had a session. */
    startedHoursAgo: z.number().nonnegative().nullable(),
    /** Null while the session is up. */
    endedHoursAgo: z.number().nonnegative().nullable(),
    ipAddress: z.string().nullable(),
  }),
  usage: z.strictObject({
    dataMb: z.number().nonnegative(),
    sms: z.number().int().nonnegative(),
    voiceSeconds: z.number().nonnegative(),
    sessionCount: z.number().int().nonnegative(),
    overageLimitReached: z.boolean(),
  }),
});

/** Healthy SIMs generated at seed time so fleet summaries have volume. */
const generatedSchema = z.strictObject({
  count: z.number().int().min(1).max(10_000),
  /** ICCID digits before the sequence number and check digit (ICCID = prefix + seq + check). */
  iccidPrefix: z.string().regex(/^\d+$/),
  sequenceDigits: z.number().int().min(1).max(8),
  /** MSISDN = msisdnPrefix + zero-padded sequence. */
  msisdnPrefix: z.string().regex(/^\+\d+$/),
  imsiPrefix: z.string().regex(/^\d+$/),
  imeiPrefix: z.string().regex(/^\d+$/),
  /** Fields shared by every generated SIM. */
  template: seedSimSchema.omit({ iccid: true, msisdn: true, imsi: true, imei: true }),
});

export const inventorySeedSchema = z.strictObject({
  $comment: z.string().optional(),
  sims: z.array(seedSimSchema),
  generated: z.array(generatedSchema).default([]),
});

export type InventorySeed = z.infer<typeof inventorySeedSchema>;
type SeedSim = z.infer<typeof seedSimSchema>;

/** Turn the demo seed into absolute records as of `now`. Throws on a duplicate ICCID. */
export function recordsFromSeed(seed: InventorySeed, now: Date): SimRecord[] {
  const ago = (hours: number | null): string | null =>
    hours === null ? null : new Date(now.getTime() - hours * HOUR_MS).toISOString();
  const toRecord = (sim: SeedSim): SimRecord =>
    simRecordSchema.parse({
      id: sim.iccid,
      organisationId: sim.organisationId,
      imsi: sim.imsi,
      msisdn: sim.msisdn,
      imei: sim.imei,
      status: sim.status,
      ratePlan: sim.ratePlan,
      communicationPlan: sim.communicationPlan,
      dateActivated: ago(sim.activatedDaysAgo === null ? null : sim.activatedDaysAgo * 24),
      dateUpdated: ago(sim.updatedHoursAgo),
      fixedIPAddress: sim.fixedIPAddress,
      lastCountry: sim.lastCountry,
      lastOperator: sim.lastOperator,
      requestedApn: sim.requestedApn,
      session: {
        dateSessionStarted: ago(sim.session.startedHoursAgo),
        dateSessionEnded: sim.session.startedHoursAgo === null ? null : ago(sim.session.endedHoursAgo),
        ipAddress: sim.session.ipAddress,
        ipv6Address: null,
      },
      usage: {
        ctdDataUsage: Math.round(sim.usage.dataMb * 1024 * 1024),
        ctdSMSUsage: sim.usage.sms,
        ctdVoiceUsage: sim.usage.voiceSeconds,
        ctdSessionCount: sim.usage.sessionCount,
        overageLimitReached: sim.usage.overageLimitReached,
        overageLimitOverride: 'DEFAULT',
      },
    });
  const sims: SeedSim[] = [...seed.sims];
  for (const gen of seed.generated) {
    for (let i = 1; i <= gen.count; i++) {
      const seq = String(i).padStart(gen.sequenceDigits, '0');
      const body = `${gen.iccidPrefix}${seq}`;
      const imeiBody = `${gen.imeiPrefix}${String(i).padStart(14 - gen.imeiPrefix.length, '0')}`;
      sims.push({
        ...gen.template,
        iccid: body + luhnCheckDigit(body),
        msisdn: `${gen.msisdnPrefix}${seq}`,
        imsi: `${gen.imsiPrefix}${String(i).padStart(15 - gen.imsiPrefix.length, '0')}`,
        imei: imeiBody + luhnCheckDigit(imeiBody),
        session: { ...gen.template.session, ipAddress: `10.64.${Math.floor(i / 250)}.${(i % 250) + 2}` },
      });
    }
  }
  const seen = new Set<string>();
  return sims.map((sim) => {
    if (seen.has(sim.iccid)) throw new Error(`inventory seed: duplicate ICCID ${sim.iccid}`);
    seen.add(sim.iccid);
    return toRecord(sim);
  });
}

/** Read and validate a seed file; errors name the file. */
export async function readInventorySeed(file: string): Promise<InventorySeed> {
  const raw = await readFile(file, 'utf8');
  const parsed = inventorySeedSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `inventory seed ${file}: ${issue?.path.join('.') || '$'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/**
 * Fill an empty inventory from the demo seed (first start only — an inventory with records is
 * never touched). Returns how many SIMs were written.
 */
export async function seedInventoryIfEmpty(
  repo: Repository<SimRecord>,
  seedFile: string,
  logger: Logger,
  now: Date = new Date(),
): Promise<number> {
  if (repo.size > 0) return 0;
  const records = recordsFromSeed(await readInventorySeed(seedFile), now);
  for (const record of records) await repo.put(record);
  logger.info({ count: records.length, seedFile }, 'SIM inventory seeded from demo data');
  return records.length;
}
