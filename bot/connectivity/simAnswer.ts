import type { Finding } from '../domain/findings.js';
import type { Lang } from '../domain/language.js';
import type { KnowledgeBase } from '../knowledgeBase/knowledgeBase.js';
import type { TextFn } from './findingText.js';
import { sessionLine, usageValue } from './simCard.js';
import type { SimLookupResult } from './simLookup.js';

/**
 * The answer about SIMs named or meant ("is SIM …084 active?", "¿en qué plan está?" about a queued case's SIM): one
 * line per SIM from the live look-up, with its plan and usage and what the checks found (a SIM not found says so);
 * `waiting`: the case they wait on, named instead of offering to check more.
 */
export function namedSimsAnswer(
  kb: KnowledgeBase,
  lang: Lang,
  results: readonly SimLookupResult[],
  now: Date,
  waiting?: { caseId: string },
): string {
  // "¿Y la 0043 por qué no tiene sesión? Pura curiosidad": what the check found is the answer to the why.
  const lines = results.map((r) =>
    r.outcome === 'found'
      ? [
          simLine(kb, lang, r, now),
          ...planAndUsage(kb, lang, r),
          ...r.findings.filter(shown).map((f) => `  ${f.explanation[lang]}`),
        ].join('\n')
      : `• ${kb.text(lang, 'bot.sim.notFound', { ref: `\`${r.ref}\`` })}`,
  );
  // A waiting case's SIMs: the agent takes it from here, so no "tell me what the device does".
  return waiting
    ? kb.text(lang, 'bot.fleet.namedWaiting', { id: waiting.caseId, lines: lines.join('\n') })
    : kb.text(lang, 'bot.fleet.named', { lines: lines.join('\n') });
}

/**
 * "Plan: IoT Data Only · Data this cycle: 120.5 MB of 250 MB" under a SIM asked about: what it may do and how much
 * it used ("¿cuánto lleva consumido y cuál es su límite?", "can it send SMS?" — the plan's name answers).
 */
function planAndUsage(kb: KnowledgeBase, lang: Lang, result: SimLookupResult): string[] {
  const snap = result.snapshot;
  if (!snap) return [];
  const text: TextFn = (l, key, vars) => kb.text(l, key, vars);
  const parts = [
    ...(snap.planName ? [`${text(lang, 'simCard.plan')}: ${snap.planName}`] : []),
    ...[usageValue(snap, lang, text)].flatMap((v) => (v ? [`${text(lang, 'simCard.usage')}: ${v}`] : [])),
  ];
  return parts.length > 0 ? [`  ${parts.join(' · ')}`] : [];
}

/** A finding worth a line under its SIM: a problem or a warning, not a note that all is well. */
function shown(finding: Finding): boolean {
  return finding.severity !== 'info';
}

/**
 * "`8946070000000000050` — active, Germany (Telekom.de), no data session since 2 days ago". The whole ICCID,
 * as code: the customer asked about their own SIMs and copies the ones they act on.
 */
export function simLine(kb: KnowledgeBase, lang: Lang, result: SimLookupResult, now: Date): string {
  const text = (l: Lang, key: string, vars?: Readonly<Record<string, string | number>>) =>
    kb.text(l, key, vars);
  const device = result.snapshot?.device;
  const where = device?.lastCountry
    ? `${kb.countries.name(device.lastCountry, lang)}${device.lastOperator ? ` (${device.lastOperator})` : ''}`
    : '—';
  const session = result.snapshot?.session ? sessionLine(result.snapshot.session, lang, text, now) : '—';
  // The phone number beside the ICCID: customers know their SIMs by either ("what's the phone nr of sim 019?").
  return kb.text(lang, device?.msisdn ? 'bot.fleet.lineNumber' : 'bot.fleet.line', {
    sim: result.iccid ?? result.ref,
    number: device?.msisdn ?? '',
    status: kb.text(lang, `simCard.status.${device?.status ?? 'unknown'}`),
    where,
    session,
  });
}
