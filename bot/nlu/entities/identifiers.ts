import type { IccidEntity } from '../types.js';
import { luhnValid } from '../luhn.js';
import { anyOf } from './patternWords.js';

/** SIM and device identifiers found in one message. */
export interface Identifiers {
  iccids: IccidEntity[];
  msisdns: string[];
  imsis: string[];
  imeis: { value: string; valid: boolean }[];
}

/**
 * A phone number: '+' or '00' (a space may follow it) — or the '+' said in words, as speech-to-text writes it ("plus 46 70 123 84 71",
 * "más 46 72 123 40 76": `plusWords`, from the word files) —, then digit groups separated by single spaces,
 * dashes, dots or parentheses. Only ever used with `matchAll` (which copies it), so one instance is shared.
 */
export function phonePatternOf(plusWords: readonly string[]): RegExp {
  const said = plusWords.length > 0 ? `|${anyOf(plusWords, 'raw')}\\s+` : '';
  // "00 46 721 234 068": the international prefix written apart from the country code too (not a clock's "08:00 12…").
  return new RegExp(
    `(?<![\\w+])(?:\\+|00|(?<![:.]\\d*)00 (?=[1-9])${said})\\d(?:[ \\-.()]{0,2}\\d){6,16}`,
    'gi',
  );
}
// A run of digits, possibly grouped ("8946 0000 1234 ...", "8946-0000-...").
const DIGIT_RUN = /(?<![\d+])\d(?:[ -]?\d){13,23}(?!\d)/g;
// The kind of identifier the customer names just before a number, e.g. "IMEI: 3512...".
const LABEL_BEFORE = /\b(iccid|imsi|imei|msisdn)\b[^\d]{0,12}$/i;
// A number an AT command sends to or dials (an SMS's destination, the SMS centre, a CSD/voice call): not the SIM.
const COMMAND_ARGUMENT_BEFORE = /(?:AT\+C(?:MGS|MGW|SCA)\s*=\s*"?|\+CSCA\s*:\s*"?|ATD\s*)$/i;
// An international number written without its '+' ("el rastreador con número 46721234084"): 10–13 digits, read as
// a phone number only right after a word that names one.
const BARE_INTERNATIONAL = /(?<![\d+])[1-9]\d{9,12}(?!\d)/g;
// "The modem number in our TMS shows as 46701234471": a few words may come between the word and the number.
const PHONE_WORD_BEFORE =
  /\b(?:n[uú]mero|number|tel[eé]fono|phone|l[ií]nea|line|msisdn|m[oó]vil|mobile|celular)\b[^\d.;\n]{0,32}$/i;
// …unless the number is one of a document's: "PO number 4500019233", "número de pedido 4500019233". A verb between
// the document and the number makes the document where the number was read ("según la factura es el 072-123 40 76",
// "the invoice says 0721234076"), not what it numbers.
const REFERENCE_BEFORE =
  /\b(?:po|purchase order|order|invoice|ticket|case|reference|ref|pedido|factura|albar[aá]n|caso|referencia)\b(?![^\d]*\b(?:is|was|says|shows|lists|es|era|pone|dice|figura|aparece|sale|viene)\b)[^\d]{0,16}$/i;
// A number in national format ("unit on 0701234019", "070-123 40 19"): the subscriber number after the trunk 0.
const NATIONAL = /(?<![\d+])0[1-9](?:[ -]?\d){7,9}(?!\d)/g;
// An ICCID broken across two lines where it was pasted ("ICCID 8946070000\n000000050").
const SPLIT_ICCID = /(?<![\d+])(89\d{2,18})[ \t]*\r?\n[ \t]*(\d{2,18})(?!\d)/g;
// Reporting-body prefixes of IMEI type allocation codes seen on IoT modules.
const IMEI_PREFIX = /^(?:01|35|86|99|98)/;

function digitsOf(raw: string): string {
  return raw.replace(/\D/g, '');
}

function addUnique<T>(list: T[], item: T, key: (t: T) => string): void {
  if (!list.some((existing) => key(existing) === key(item))) list.push(item);
}

/**
 * Find ICCIDs (18–22 digits starting 89, Luhn-checked — invalid ones are kept with `valid: false` so the
 * dialog can ask the customer to check them), MSISDNs (normalised to '+…'; `phone` from {@link phonePatternOf}),
 * IMSIs and IMEIs.
 */
export function extractIdentifiers(text: string, phone: RegExp): Identifiers {
  const found: Identifiers = { iccids: [], msisdns: [], imsis: [], imeis: [] };
  const consumed: Array<[number, number]> = [];

  for (const match of text.matchAll(DIGIT_RUN)) {
    const raw = match[0].trim();
    const digits = digitsOf(raw);
    const start = match.index ?? 0;
    const label = LABEL_BEFORE.exec(text.slice(Math.max(0, start - 20), start))?.[1]?.toLowerCase();
    if (label === 'msisdn') continue;
    if (
      digits.startsWith('89') &&
      digits.length >= 18 &&
      digits.length <= 22 &&
      label !== 'imsi' &&
      label !== 'imei'
    ) {
      addUnique(found.iccids, { value: digits, valid: luhnValid(digits), raw }, (i) => i.value);
    } else if (digits.length === 15) {
      const valid = luhnValid(digits);
      const isImei =
        label === 'imei' ||
        (label !== 'imsi' && valid && (IMEI_PREFIX.test(digits) || !/^[2-7]/.test(digits)));
      if (isImei) addUnique(found.imeis, { value: digits, valid }, (i) => i.value);
      else if (!digits.startsWith('89')) addUnique(found.imsis, digits, (s) => s);
    } else {
      continue;
    }
    consumed.push([start, start + match[0].length]);
  }

  for (const match of text.matchAll(phone)) {
    const start = match.index ?? 0;
    if (consumed.some(([from, to]) => start >= from && start < to)) continue;
    if (COMMAND_ARGUMENT_BEFORE.test(text.slice(Math.max(0, start - 16), start))) continue;
    // "+46 (0)70-123 40 19": the trunk zero in brackets is dialled only inside the country.
    const digits = digitsOf(match[0].replace(/^00/, '').replace(/\(0\)/, ''));
    // E.164 allows at most 15 digits including the country code; shorter than 8 is not a subscriber number.
    if (digits.length < 8 || digits.length > 15) continue;
    addUnique(found.msisdns, `+${digits}`, (s) => s);
    consumed.push([start, start + match[0].length]);
  }
  for (const match of text.matchAll(SPLIT_ICCID)) {
    const digits = `${match[1] ?? ''}${match[2] ?? ''}`;
    // Only a whole, valid ICCID joins its two halves: two numbers on two lines stay two numbers.
    if (digits.length < 18 || digits.length > 22 || !luhnValid(digits)) continue;
    addUnique(found.iccids, { value: digits, valid: true, raw: match[0] }, (i) => i.value);
    const start = match.index ?? 0;
    consumed.push([start, start + match[0].length]);
  }
  for (const match of text.matchAll(NATIONAL)) {
    const start = match.index ?? 0;
    if (consumed.some(([from, to]) => start >= from && start < to)) continue;
    if (REFERENCE_BEFORE.test(text.slice(Math.max(0, start - 48), start))) continue;
    addUnique(found.msisdns, digitsOf(match[0]), (s) => s);
    consumed.push([start, start + match[0].length]);
  }
  for (const match of text.matchAll(BARE_INTERNATIONAL)) {
    const start = match.index ?? 0;
    if (consumed.some(([from, to]) => start >= from && start < to) || match[0].startsWith('89')) continue;
    const before = text.slice(Math.max(0, start - 48), start);
    if (PHONE_WORD_BEFORE.test(before) && !REFERENCE_BEFORE.test(before))
      addUnique(found.msisdns, `+${match[0]}`, (s) => s);
  }
  return found;
}
