import type { FindingCode, Finding, FindingSeverity } from '../domain/findings.js';
import type { Lang, Localized } from '../domain/language.js';
import type { CaseFinding } from '../cases/caseSchema.js';
import { plainText } from '../knowledgeBase/codeSpans.js';

/** Renders a text of `knowledge/texts/*.<lang>.json` with `{placeholder}` values (the knowledge base provides it). */
export type TextFn = (lang: Lang, key: string, vars?: Readonly<Record<string, string | number>>) => string;

/** Placeholder values per language (country names, "3 days ago" … differ by language). */
export type VarsFor = (lang: Lang) => Readonly<Record<string, string | number>>;

/** The same text in every language spoken (`languages`, from the knowledge base). */
export function localized(
  text: TextFn,
  key: string,
  languages: readonly Lang[],
  vars: VarsFor = () => ({}),
): Localized {
  return Object.fromEntries(languages.map((lang) => [lang, text(lang, key, vars(lang))]));
}

/** Build a finding whose explanation and next step come from `finding.<CODE>.*` texts. */
export function makeFinding(
  text: TextFn,
  /** The languages spoken: a finding is written in each. */
  languages: readonly Lang[],
  code: FindingCode,
  severity: FindingSeverity,
  options: { vars?: VarsFor; details?: Finding['details']; iccid?: string } = {},
): Finding {
  const finding: Finding = {
    code,
    severity,
    explanation: localized(text, `finding.${code}.explanation`, languages, options.vars),
    nextStep: localized(text, `finding.${code}.nextStep`, languages, options.vars),
  };
  if (options.iccid !== undefined) finding.iccid = options.iccid;
  if (options.details !== undefined) finding.details = options.details;
  return finding;
}

/** Findings as the case keeps them: plain text (agents read them on cards, which show no code formatting). */
export function toCaseFindings(findings: readonly Finding[], lang: Lang): CaseFinding[] {
  return findings.map((f) => ({
    code: f.code,
    text: plainText(f.explanation[lang]),
    ...(f.iccid ? { iccid: f.iccid } : {}),
  }));
}

/** A finding as one message: what it means, then what to do. */
export function findingSentence(finding: Finding, lang: Lang): string {
  return `${finding.explanation[lang]} ${finding.nextStep[lang]}`;
}

/** "3 days ago" / "hace 3 días", rounded down to the largest sensible unit. */
export function agoText(text: TextFn, lang: Lang, from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 120) return text(lang, 'finding.ago.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return text(lang, 'finding.ago.hours', { n: hours });
  return text(lang, 'finding.ago.days', { n: Math.floor(hours / 24) });
}

/** A readable UTC timestamp, the same in both languages ("2025-03-01 14:05 UTC"). */
export function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
