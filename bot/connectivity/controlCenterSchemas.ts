import { z } from 'zod';
import { normaliseStatus, type DeviceDetails, type SessionInfo, type UsageInfo } from './provider.js';

/** Control Center dates look like `2016-06-29 00:21:33.339+0000`; return ISO 8601 or null. */
export function parseControlCenterDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value.trim(),
  );
  const iso = m ? `${m[1]}T${m[2]}${normaliseOffset(m[3])}` : value;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`unparseable date "${value}"`);
  return date.toISOString();
}

function normaliseOffset(offset: string | undefined): string {
  if (!offset || offset === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

/** Format an ISO date the way Control Center writes it (used by fakes and tests). */
export function formatControlCenterDate(iso: string | null): string | null {
  if (iso === null) return null;
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '+0000');
}

const nullableString = z.string().nullish();
const ccDate = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    try {
      return parseControlCenterDate(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

/** `GET /devices/{iccid}` (extra fields are ignored on purpose: the API grows). */
export const ccDeviceSchema = z.looseObject({
  iccid: z.string().regex(/^\d{18,22}$/),
  imsi: nullableString,
  msisdn: nullableString,
  imei: nullableString,
  status: z.string().min(1),
  ratePlan: nullableString,
  communicationPlan: nullableString,
  dateActivated: ccDate,
  dateUpdated: ccDate,
  fixedIPAddress: nullableString,
});

/** `GET /devices/{iccid}/sessionInfo`. */
export const ccSessionSchema = z.looseObject({
  iccid: z.string().regex(/^\d{18,22}$/),
  dateSessionStarted: ccDate,
  dateSessionEnded: ccDate,
  ipAddress: nullableString,
  ipv6Address: nullableString,
});

/** `GET /devices/{iccid}/ctdUsages`. Numbers sometimes arrive as strings. */
export const ccUsageSchema = z.looseObject({
  iccid: z.string().regex(/^\d{18,22}$/),
  ctdDataUsage: z.coerce.number().nonnegative().nullish(),
  ctdSMSUsage: z.coerce.number().nonnegative().nullish(),
  ctdVoiceUsage: z.coerce.number().nonnegative().nullish(),
  ctdSessionCount: z.coerce.number().nonnegative().nullish(),
  overageLimitReached: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')])
    .nullish(),
  overageLimitOverride: nullableString,
});

/** `{"errorCode","errorMessage"}` error bodies. */
export const ccErrorSchema = z.looseObject({ errorCode: z.string(), errorMessage: z.string().optional() });

export function deviceFromControlCenter(d: z.infer<typeof ccDeviceSchema>): DeviceDetails {
  return {
    iccid: d.iccid,
    imsi: d.imsi ?? null,
    msisdn: d.msisdn ?? null,
    imei: d.imei ?? null,
    status: normaliseStatus(d.status),
    statusRaw: d.status,
    ratePlan: d.ratePlan ?? null,
    communicationPlan: d.communicationPlan ?? null,
    dateActivated: d.dateActivated,
    dateUpdated: d.dateUpdated,
    fixedIpAddress: d.fixedIPAddress ?? null,
  };
}

export function sessionFromControlCenter(s: z.infer<typeof ccSessionSchema>): SessionInfo {
  return {
    iccid: s.iccid,
    dateSessionStarted: s.dateSessionStarted,
    dateSessionEnded: s.dateSessionEnded,
    ipAddress: s.ipAddress ?? null,
    ipv6Address: s.ipv6Address ?? null,
  };
}

export function usageFromControlCenter(u: z.infer<typeof ccUsageSchema>): UsageInfo {
  return {
    iccid: u.iccid,
    dataBytes: u.ctdDataUsage ?? 0,
    sms: u.ctdSMSUsage ?? 0,
    voiceSeconds: u.ctdVoiceUsage ?? 0,
    sessionCount: u.ctdSessionCount ?? null,
    overageLimitReached: u.overageLimitReached ?? false,
    overageLimitOverride: u.overageLimitOverride ?? null,
  };
}
