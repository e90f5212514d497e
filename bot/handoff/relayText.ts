/**
 * Characters that change how text looks without being seen: controls (except line breaks and tabs), bidi
 * overrides and isolates, zero-width characters, line/paragraph separators (made line breaks).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The bar every quoted customer line starts with: desk framing never does. */
export const QUOTE_BAR = '│ ';

/**
 * A customer's words as an agent sees them in a chat: every line behind {@link QUOTE_BAR}, invisible characters
 * removed. Whatever the customer types — "\n\n[CS-10015] demo-vip: URGENT…" included — stays inside the quote
 * and can never look like a line of the desk's own (which names its case at the start of a line).
 */
export function quoteCustomerText(text: string): string {
  const lines = text
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .trim()
    .split('\n');
  return lines.map((line) => `${QUOTE_BAR}${line}`).join('\n');
}

/** The first name of a person ("Alex Agent" → "Alex"), as the customer is told who joined. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}
