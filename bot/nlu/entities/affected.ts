import type { Entities } from '../types.js';
import { isNumberWord, parseDigits, parseNumberWords } from './numbers.js';

type Affected = NonNullable<Entities['affected']>;

/**
 * What a count counts, from the knowledge's word lists (`countedThings`, `countFillers`): "2000 of our smart
 * meters", "3000 de nuestros contadores", "50 chips".
 */
export interface CountWords {
  /** What customers count: SIMs and the devices they sit in (folded, singular and plural). */
  things: ReadonlySet<string>;
  /** Words allowed between a number and what it counts. */
  fillers: ReadonlySet<string>;
}

const APPROXIMATE = new Set(
  `about around approx approximately roughly some nearly almost over circa ca unas unos alrededor
  aproximadamente aprox cerca casi mas more ~ like maybe perhaps probably`
    .split(/\s+/)
    .filter(Boolean),
);

const ALL_WORDS = new Set(['all', 'every', 'todas', 'todos', 'toda', 'todo', 'entire', 'whole']);
const ALL_REFERENTS = new Set(['them', 'ellas', 'ellos', 'fleet', 'flota', 'estate', 'parque']);
// Words after which a number is a code or a reading, never a count.
const CODE_CONTEXT = new Set([
  'cause',
  'causa',
  'error',
  'csq',
  'cereg',
  'cgreg',
  'creg',
  'cs',
  'caso',
  'case',
  'ticket',
]);

const TOKEN = /~|\d+(?:[.,]\d+)?k\b|\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+|[a-z]+/g;

interface NumberAt {
  value: number;
  end: number;
  rounded: boolean;
}

function readNumber(tokens: string[], i: number): NumberAt | undefined {
  const token = tokens[i] ?? '';
  // A long digit run is an identifier (ICCID, IMSI, phone number), never a count of devices.
  if (/^\d{8,}$/.test(token)) return undefined;
  // "0027" is a SIM's last digits: nobody counts with a leading zero.
  if (/^0\d/.test(token)) return undefined;
  const digits = parseDigits(token);
  if (digits !== undefined) return { value: digits, end: i + 1, rounded: token.endsWith('k') };
  let end = i;
  while (end < tokens.length && isNumberWord(tokens[end] ?? '')) end++;
  const words = tokens.slice(i, end);
  // "a"/"an" alone is an article, not a count.
  if (words.length === 0 || words.every((w) => w === 'a' || w === 'an' || w === 'and' || w === 'y'))
    return undefined;
  const value = parseNumberWords(words);
  return value === undefined ? undefined : { value, end, rounded: false };
}

// "200 of them", "unas 200 de ellas": a count of the SIMs already talked about.
const PRONOUNS = new Set(['them', 'these', 'those', 'ellos', 'ellas', 'estos', 'estas']);

function countsDevices(words: CountWords, tokens: string[], from: number): boolean {
  if ((tokens[from] === 'of' || tokens[from] === 'de') && PRONOUNS.has(tokens[from + 1] ?? '')) return true;
  // One word the lists do not know may name the kind of thing just before what is counted ("30 of our vending
  // machines", "40 parking meters"): a modifier, as long as a counted word follows it at once.
  let modifier = false;
  for (let j = from; j < Math.min(tokens.length, from + 4); j++) {
    const token = tokens[j] ?? '';
    if (words.things.has(token)) return true;
    if (words.fillers.has(token)) continue;
    const modifies = !modifier && /^[a-z]{3,}$/.test(token) && !isNumberWord(token);
    if (!modifies || !words.things.has(tokens[j + 1] ?? '')) return false;
    modifier = true;
  }
  return false;
}

function refersToAll(words: CountWords, tokens: string[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined) return tokens[i] === 'todas' || tokens[i] === 'todos';
  if (next === 'of')
    return tokens[i + 2] === 'them' || tokens[i + 2] === 'these' || countsDevices(words, tokens, i + 2);
  if (ALL_REFERENTS.has(next)) return true;
  return countsDevices(words, tokens, i + 1);
}

/**
 * How many SIMs/devices the customer says are affected: "about 2000 SIMs", "all 40 units", "unas 3000 SIM",
 * "tres mil contadores", "2k devices", "all of them", "todas". `folded` must come from `foldText`.
 */
export function extractAffected(folded: string, words: CountWords): Affected | undefined {
  const tokens = folded.match(TOKEN) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (ALL_WORDS.has(token) && refersToAll(words, tokens, i)) {
      const number = readNumber(tokens, i + 1) ?? readNumber(tokens, i + 2);
      const count = number && countsDevices(words, tokens, number.end) ? number.value : undefined;
      return { ...(count === undefined ? {} : { count }), all: true, approximate: false };
    }
    if (CODE_CONTEXT.has(tokens[i - 1] ?? '')) continue;
    const number = readNumber(tokens, i);
    if (!number || !countsDevices(words, tokens, number.end)) continue;
    const before = tokens.slice(Math.max(0, i - 3), i);
    const all = before.some((w) => ALL_WORDS.has(w));
    const approximate = number.rounded || before.some((w) => APPROXIMATE.has(w));
    return { count: number.value, all, approximate };
  }
  return undefined;
}
