/** Markdown code in a text: fenced blocks (```) and inline spans (`…`). */
const FENCE = /```[^\n]*\n[\s\S]*?```/g;
const INLINE = /`[^`\n]+`/g;
/** An AT command, e.g. AT+CGDCONT=1,"IP","apn" or AT&F. */
const AT_COMMAND = /\bAT[+&][A-Z]/;
const CURLY_QUOTES = /[“”‘’„«»]/;

/**
 * What is wrong with how a customer-visible text shows commands, or an empty list. Commands must be code
 * (backticks, or a ``` block for several — one per line) so Web Chat and Teams show them in monospace with
 * straight quotes and keep the line breaks: outside code, Web Chat's Markdown turns "IP" into “IP”, which a
 * modem rejects, and joins lines.
 */
export function codeProblems(text: string): string[] {
  const problems: string[] = [];
  if ((text.match(/```/g) ?? []).length % 2 !== 0) problems.push('a ``` code block is not closed');
  const blocks = [...text.matchAll(FENCE)].map((m) => m[0]);
  const withoutBlocks = text.replace(FENCE, ' ');
  const spans = [...withoutBlocks.matchAll(INLINE)].map((m) => m[0]);
  const prose = withoutBlocks.replace(INLINE, ' ');
  if ((prose.match(/`/g) ?? []).length > 0) problems.push('a ` code span is not closed');
  if (AT_COMMAND.test(prose))
    problems.push('AT commands must be code: `AT+…` (or a ``` block with one command per line)');
  if ([...blocks, ...spans].some((code) => CURLY_QUOTES.test(code)))
    problems.push('code must use straight quotes (") — a modem rejects “ ” and ‘ ’');
  return problems;
}

/**
 * The text without code markup, for places that show no Markdown (Adaptive Card text, case records): the
 * commands stay, the backticks and fences go.
 */
export function plainText(text: string): string {
  return text.replace(/```[^\n]*\n([\s\S]*?)\n?```/g, '$1').replace(/`([^`\n]+)`/g, '$1');
}
