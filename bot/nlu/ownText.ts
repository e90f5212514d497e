/**
 * The customer's own words in a message pasted from e-mail or a ticket tool: quoted lines ("> On Monday, Ops
 * wrote:") are left out, and so is everything after a signature or disclaimer separator ("--", "____",
 * "CONFIDENTIALITY NOTICE:", "AVISO LEGAL:"). What language the customer writes in is read from these words: a
 * Spanish message ending in a company's English disclaimer is Spanish. The whole text when nothing is left.
 */
export function ownText(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    if (SEPARATOR.test(line) || DISCLAIMER.test(line)) break;
    if (QUOTED.test(line)) continue;
    kept.push(line);
  }
  const own = kept.join('\n').trim();
  return own.length > 0 ? own : text;
}

/** A quoted line of a forwarded e-mail or reply. */
const QUOTED = /^\s*>/;
/** A signature or disclaimer separator: "--", a rule of underscores, dashes or equals signs. */
const SEPARATOR = /^\s*(--\s*|[_=\-–—]{4,}\s*)$/;
/** The heading of a legal notice, in the languages customers' companies write them in. */
const DISCLAIMER =
  /^\s*(confidentiality notice|disclaimer|this (e-?mail|message)( and any attachments?)? (is|are|may be) (confidential|intended)|aviso legal|aviso de confidencialidad|este (correo|mensaje)( electr[oó]nico)? (y sus anexos )?(es|son|puede) (confidencial|contener))/i;
