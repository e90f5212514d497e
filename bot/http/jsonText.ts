/**
 * How deeply a request body's JSON may nest. Bot Framework activities (channel data, Adaptive Card
 * values, entities) stay far below this; a 40,000-deep body would overflow the stack of every
 * recursive consumer after `JSON.parse` (schema checks, serialisers, the journal).
 */
export const MAX_JSON_DEPTH = 64;

/** Why a body cannot be accepted as JSON; the message is safe to show the client. */
export class JsonTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonTextError';
  }
}

/**
 * Parse a request body's JSON text after checking its nesting (a linear scan, no recursion), and
 * replace lone UTF-16 surrogates in every string and key with U+FFFD, so nothing stored or echoed
 * later is invalid Unicode.
 * @throws JsonTextError for nesting deeper than `maxDepth` or text that is not JSON.
 */
export function parseJsonText(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  const depth = nestingDepth(text, maxDepth);
  if (depth > maxDepth) throw new JsonTextError(`JSON is nested deeper than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    throw new JsonTextError(`Request body is not valid JSON (${(err as Error).message})`);
  }
  // Lone surrogates reach JSON.parse only as \uD800–\uDFFF escapes (UTF-8 decoding replaces raw ones).
  return ESCAPED_SURROGATE.test(text) ? wellFormedDeep(value) : value;
}

const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with every unpaired UTF-16 surrogate replaced by U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** A copy of a parsed JSON value (depth already bounded) with {@link wellFormed} strings and keys. */
function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[wellFormed(key)] = wellFormedDeep(item);
  return out;
}

/**
 * The deepest `{`/`[` nesting of `text`, counting only brackets outside strings; stops counting
 * once past `limit`. Malformed text is left to `JSON.parse` to report.
 */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}
