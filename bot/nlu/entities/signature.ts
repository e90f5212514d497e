import type { Vocabulary } from '../words/vocabulary.js';

/** A sign-off line is short: the phrase, perhaps a name ("Kind regards, Sam Carter"). */
const MAX_SIGN_OFF_WORDS = 5;
/** A signature's lines under the sign-off: name, title, company, phones, address. */
const MAX_SIGNATURE_LINES = 8;

/**
 * The message without its signature: a line that only signs off ("Un saludo,", "Kind regards, Sam"), after the
 * customer's own words, and the lines under it (after any blank lines right under it) up to a blank line. The sender's phone numbers live there ("Tel. +34
 * 91 555 01 23 | Móvil +34 600 123 456"): they name no SIM. What follows the blank line (a forwarded mail with the
 * technician's log) is read. A line with digits is never a sign-off ("please confirm 0019").
 */
export function withoutSignature(vocabulary: Vocabulary, text: string): string {
  if (!text.includes('\n')) return text;
  const lines = withoutDisclaimers(vocabulary, text.split('\n'));
  const signsOff = (line: string | undefined): boolean =>
    line !== undefined &&
    !/\d/.test(line) &&
    line.trim().split(/\s+/).length <= MAX_SIGN_OFF_WORDS &&
    vocabulary.leading('signOff', line) !== undefined;
  const signed = lines.findIndex(
    (line, i) => i > 0 && signsOff(line) && lines.slice(0, i).some((before) => before.trim()),
  );
  if (signed < 0) return lines.join('\n');
  // "Kind regards,\n\nWilliam Ekström\n…": blank lines right under the sign-off are part of the signature; so is a
  // second sign-off ("Thank you in advance.\n\nKind regards,\n\nSam Carter").
  let first = signed + 1;
  for (;;) {
    while (first < lines.length && !lines[first]?.trim()) first++;
    if (!signsOff(lines[first])) break;
    first++;
  }
  const blank = lines.findIndex((line, i) => i > first && !line.trim());
  const end = Math.min(blank < 0 ? lines.length : blank, first + MAX_SIGNATURE_LINES);
  return [...lines.slice(0, signed), ...lines.slice(end)].join('\n');
}

/** A line that only separates ("_____", "-----"). */
const SEPARATOR = /^\s*[-_=*~]{3,}\s*$/;

/**
 * The lines without the legal notices closing an e-mail ("This e-mail and any attachments are confidential…
 * registered in England and Wales", "AVISO LEGAL: …"): the last paragraphs that open with a `disclaimer` phrase,
 * after the customer's words. Their countries and numbers are the sender's company's, not the SIMs'.
 */
function withoutDisclaimers(vocabulary: Vocabulary, lines: string[]): string[] {
  const apart = (line: string | undefined): boolean => !line?.trim() || SEPARATOR.test(line);
  let end = lines.length;
  for (;;) {
    let last = end;
    while (last > 0 && apart(lines[last - 1])) last--;
    let start = last;
    while (start > 0 && !apart(lines[start - 1])) start--;
    const before = lines.slice(0, start).some((line) => !apart(line));
    if (start === last || !before || vocabulary.leading('disclaimer', lines[start] ?? '') === undefined)
      break;
    end = start;
  }
  return end === lines.length ? lines : lines.slice(0, end);
}
