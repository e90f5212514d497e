import type { Lang } from '../domain/language.js';
import { agoText, utcText, type TextFn } from './findingText.js';
import type { FleetSummary, SimLookupResult } from './simLookup.js';

/** An Adaptive Card 1.5 payload, ready for `CardFactory.adaptiveCard(card)`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
}
type CardElement = Record<string, unknown>;

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
const MB = 1024 * 1024;
/** Findings per SIM on the card; the full list goes to the flow and the handoff summary. */
const TOP_FINDINGS = 3;

function card(body: CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body };
}

function heading(textValue: string): CardElement {
  return { type: 'TextBlock', text: textValue, weight: 'Bolder', size: 'Medium', wrap: true };
}

/**
 * A compact card with one FactSet per SIM found (masked ICCID, status, plan, session, usage, top
 * findings) and one line for each reference that was not found, invalid, ambiguous or unavailable.
 */
export function simResultsCard(
  results: readonly SimLookupResult[],
  lang: Lang,
  text: TextFn,
  now: Date = new Date(),
): AdaptiveCard {
  const body: CardElement[] = [heading(text(lang, 'simCard.title'))];
  for (const result of results) {
    const snap = result.snapshot;
    if (result.outcome !== 'found' || !snap) {
      body.push({
        type: 'TextBlock',
        text: problemLine(result, lang, text),
        wrap: true,
        color: 'Warning',
        spacing: 'Medium',
      });
      continue;
    }
    const d = snap.device;
    const facts: Array<{ title: string; value: string }> = [
      { title: text(lang, 'simCard.iccid'), value: d.iccid },
      { title: text(lang, 'simCard.status'), value: text(lang, `simCard.status.${d.status}`) },
      { title: text(lang, 'simCard.plan'), value: snap.planName ?? '—' },
    ];
    if (d.msisdn) facts.splice(1, 0, { title: text(lang, 'simCard.msisdn'), value: d.msisdn });
    if (snap.session)
      facts.push({ title: text(lang, 'simCard.session'), value: sessionLine(snap.session, lang, text, now) });
    const usage = usageValue(snap, lang, text);
    if (usage) facts.push({ title: text(lang, 'simCard.usage'), value: usage });
    const top = result.findings.slice(0, TOP_FINDINGS).map((f) => text(lang, `simCard.finding.${f.code}`));
    if (top.length > 0) facts.push({ title: text(lang, 'simCard.findings'), value: top.join(' · ') });
    body.push({ type: 'FactSet', facts, separator: true, spacing: 'Medium' });
  }
  return card(body);
}

/** "All my SIMs": totals, counts by status and by finding. */
/** Rows of SIMs with problems listed on the fleet card (the rest are counted above). */
const MAX_PROBLEM_ROWS = 10;

/** The fleet overview card; `which` names the part of the fleet a filter chose ("last seen in Germany"). */
export function fleetSummaryCard(
  summary: FleetSummary,
  lang: Lang,
  text: TextFn,
  which?: string,
): AdaptiveCard {
  const body: CardElement[] = [
    heading(which ? text(lang, 'simCard.fleetTitle.filtered', { which }) : text(lang, 'simCard.fleetTitle')),
    {
      type: 'FactSet',
      facts: [
        { title: text(lang, 'simCard.total'), value: String(summary.total) },
        { title: text(lang, 'simCard.checked'), value: String(summary.checked) },
      ],
    },
  ];
  const statuses = Object.entries(summary.byStatus).sort((a, b) => b[1] - a[1]);
  if (statuses.length > 0) {
    body.push({
      type: 'TextBlock',
      text: text(lang, 'simCard.byStatus'),
      weight: 'Bolder',
      wrap: true,
      separator: true,
    });
    body.push({
      type: 'FactSet',
      facts: statuses.map(([status, n]) => ({
        title: text(lang, `simCard.status.${status}`),
        value: String(n),
      })),
    });
  }
  const findings = Object.entries(summary.byFinding).sort((a, b) => b[1] - a[1]);
  if (findings.length > 0) {
    body.push({
      type: 'TextBlock',
      text: text(lang, 'simCard.byFinding'),
      weight: 'Bolder',
      wrap: true,
      separator: true,
    });
    body.push({
      type: 'FactSet',
      facts: findings.map(([code, n]) => ({
        title: text(lang, `simCard.finding.${code}`),
        value: String(n),
      })),
    });
  }
  if (summary.problems.length > 0) {
    body.push({
      type: 'TextBlock',
      text: text(lang, 'simCard.problemSims'),
      weight: 'Bolder',
      wrap: true,
      separator: true,
    });
    body.push({
      type: 'FactSet',
      facts: summary.problems.slice(0, MAX_PROBLEM_ROWS).map((p) => ({
        title: p.iccid,
        value: p.codes.map((code) => text(lang, `simCard.finding.${code}`)).join(' · '),
      })),
    });
  }
  if (summary.truncated) {
    body.push({
      type: 'TextBlock',
      text: text(lang, 'simCard.truncated', { checked: summary.checked, total: summary.total }),
      wrap: true,
      isSubtle: true,
    });
  }
  return card(body);
}

/** The sentence for a reference that did not lead to a SIM (also usable as a plain text reply). */
export function problemLine(result: SimLookupResult, lang: Lang, text: TextFn): string {
  const ref = result.ref;
  switch (result.outcome) {
    case 'invalid':
      return text(lang, result.reason === 'bad_length' ? 'simCard.invalidLength' : 'simCard.invalid', {
        ref,
      });
    case 'ambiguous':
      return text(lang, 'simCard.ambiguous', { ref, candidates: (result.candidates ?? []).join(', ') });
    case 'unavailable':
      return text(lang, 'simCard.unavailable', { ref });
    default:
      return text(lang, 'simCard.notFound', { ref });
  }
}

/** The SIM's data session in words: up since when (and its IP), ended how long ago, or never. */
export function sessionLine(
  session: NonNullable<SimLookupResult['snapshot']>['session'] & object,
  lang: Lang,
  text: TextFn,
  now: Date,
): string {
  if (session.dateSessionStarted === null) return text(lang, 'simCard.sessionNever');
  if (session.dateSessionEnded === null) {
    return text(lang, 'simCard.sessionUp', {
      since: utcText(session.dateSessionStarted),
      ip: session.ipAddress ?? '—',
    });
  }
  return text(lang, 'simCard.sessionEnded', {
    ago: agoText(text, lang, new Date(session.dateSessionEnded), now),
  });
}

/** "120.5 MB of 250 MB" — this cycle's data against the plan's limit; undefined when the platform sent no usage. */
export function usageValue(
  snap: NonNullable<SimLookupResult['snapshot']>,
  lang: Lang,
  text: TextFn,
): string | undefined {
  if (!snap.usage) return undefined;
  const usedMb = Math.round((snap.usage.dataBytes / MB) * 10) / 10;
  return snap.planDataLimitMb === null
    ? text(lang, 'simCard.usageValueNoLimit', { usedMb })
    : text(lang, 'simCard.usageValue', { usedMb, limitMb: snap.planDataLimitMb });
}
