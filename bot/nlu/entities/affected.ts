import type { Entities } from '../types.js';
import { parseDigits, type NumberWords } from './numbers.js';

type Affected = NonNullable<Entities['affected']>;

/**
 * What a count counts and the words around it, from the knowledge's word files (lists `countedThings`,
 * `countFillers`; sets `numbers`, `counting`), every language at once: "2000 of our smart meters", "3000 de
 * nuestros contadores", "about fifty chips", "todas".
 */
export interface CountWords {
  /** What customers count: SIMs and the devices they sit in (folded, singular and plural). */
  things: ReadonlySet<string>;
  /** Words allowed between a number and what it counts. */
  fillers: ReadonlySet<string>;
  /** Spelled-out numbers. */
  numbers: NumberWords;
  /** Words just before a count that make it approximate ("about", "unos"). */
  approximate: ReadonlySet<string>;
  /** Phrases (folded words) just after a count that make it approximate ("or so", "y pico"). */
  approximateAfter: ReadonlyArray<readonly string[]>;
  /** "not just" in "not just one tracker any more, 6 of them": the count after it is replaced by a later one. */
  notOnly: ReadonlyArray<readonly string[]>;
  /** Words after a rough count that make it the subject ("…al menos cinco no mandan datos", "at least five aren't"). */
  countSubject: ReadonlySet<string>;
  /** "all", "todas": every SIM, when what is counted follows. */
  all: ReadonlySet<string>;
  /** "todas" ending the message: every SIM. */
  allAlone: ReadonlySet<string>;
  /** What follows an "all" word and names the SIMs ("them", "flota"). */
  allReferents: ReadonlySet<string>;
  /** "of", "de" in "200 of them". */
  partitive: ReadonlySet<string>;
  /** "them", "ellas" in "200 of them". */
  pronouns: ReadonlySet<string>;
  /** Words after which a number is a code or a reading, never a count. */
  codeContext: ReadonlySet<string>;
  /** "first" in "the first 3 of 120 rows": the part is a sample, the whole is affected. */
  sample: ReadonlySet<string>;
  /** "otros", "another" in "y otros 12 contadores": the count comes on top of the SIMs named. */
  besides: ReadonlySet<string>;
  /** "plus", "y" before a second count: "120 in Sweden plus 35 in Norway" affects 155. */
  added: ReadonlySet<string>;
  /** "in", "en" after a second count: the number counts devices somewhere else. */
  addedWhere: ReadonlySet<string>;
  /** Tested on the word after a number: a unit that makes it a quantity ("two days", "20 minutos"). */
  quantityUnits: RegExp;
}

/** Words a count may be from what it counts ("2,000 of our client's vending machines"). */
const COUNT_REACH = 6;

// A model code ("e450", "fmb920s", "sim7600") is one word: a device's name, never a number.
const TOKEN = /~|\d+(?:[.,]\d+)?k\b|\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+|[a-z]+\d[a-z\d]*|[a-z]+/g;

/** A model code ("300 FMB920s", "80 de nuestros Teltonika FMB920"): the devices themselves. */
const MODELS = /^[a-z]{1,6}\d{2,}[a-z\d]*$/;

interface NumberAt {
  value: number;
  end: number;
  /** "2k", "15 or so": the customer gave a round or rough figure. */
  rounded: boolean;
}

/** The number read at `number`, extended past a rough-figure phrase after it ("15 or so units"). */
function pastApproximation(words: CountWords, tokens: readonly string[], number: NumberAt): NumberAt {
  for (const phrase of words.approximateAfter) {
    if (phrase.every((w, k) => tokens[number.end + k] === w))
      return { ...number, end: number.end + phrase.length, rounded: true };
  }
  return number;
}

function readNumber(words: CountWords, tokens: readonly string[], i: number): NumberAt | undefined {
  const token = tokens[i] ?? '';
  // A long digit run is an identifier (ICCID, IMSI, phone number), never a count of devices.
  if (/^\d{8,}$/.test(token)) return undefined;
  // "0027" is a SIM's last digits: nobody counts with a leading zero.
  if (/^0\d/.test(token)) return undefined;
  const digits = parseDigits(token);
  if (digits !== undefined)
    return pastApproximation(words, tokens, { value: digits, end: i + 1, rounded: token.endsWith('k') });
  let end = i;
  while (end < tokens.length && words.numbers.isNumberWord(tokens[end] ?? '')) end++;
  const spelled = tokens.slice(i, end);
  // "a"/"an" alone is an article, not a count.
  if (spelled.length === 0 || words.numbers.onlyArticles(spelled)) return undefined;
  const value = words.numbers.parse(spelled);
  return value === undefined ? undefined : pastApproximation(words, tokens, { value, end, rounded: false });
}

/** "200 of them", "unas 200 de ellas": a count of the SIMs already talked about. */
function ofThem(words: CountWords, tokens: string[], at: number): boolean {
  return words.partitive.has(tokens[at] ?? '') && words.pronouns.has(tokens[at + 1] ?? '');
}

/**
 * Words the lists do not know that may name the kind of thing counted ("cold chain trailers", "DC rapid chargers"): at
 * most two — three with a model code among them ("Landis+Gyr E450 meters").
 */
const MODIFIERS = 2;

function countsDevices(words: CountWords, tokens: string[], from: number): boolean {
  if (ofThem(words, tokens, from)) return true;
  const modifies = (token: string): boolean =>
    /^[a-z][a-z\d]*$/.test(token) && !words.numbers.isNumberWord(token) && !words.fillers.has(token);
  // A counted thing of one word or two ("charge points", "puntos de recarga" are read by their first two words).
  const thingAt = (k: number): boolean =>
    words.things.has(tokens[k] ?? '') ||
    words.things.has(`${tokens[k] ?? ''} ${tokens[k + 1] ?? ''}`) ||
    MODELS.test(tokens[k] ?? '');
  // "2,000 of our client's vending machines": up to six words between the number and what it counts.
  for (let j = from; j < Math.min(tokens.length, from + COUNT_REACH); j++) {
    const token = tokens[j] ?? '';
    if (thingAt(j)) return true;
    if (words.fillers.has(token)) continue;
    // Words the lists do not know may name the kind of thing just before what is counted ("30 of our vending
    // machines", "a hundred and twenty of the cold chain trailers", "40 of our EV charge points"), as long as a
    // counted word follows them at once.
    let k = j;
    // A third word only with a model code among them ("Landis+Gyr E450 meters"), not "3 new drivers start Monday".
    const reach = tokens.slice(j, j + MODIFIERS + 1).some((t) => /\d/.test(t)) ? MODIFIERS + 1 : MODIFIERS;
    while (k - j < reach && !thingAt(k) && modifies(tokens[k] ?? '')) k++;
    return k > j && thingAt(k);
  }
  return false;
}

/**
 * A device named in the singular ("truck", "unidad") before its number, as in "truck 31 (SIM …)": a name — unless
 * devices counted in the plural follow ("sin conexión 18 equipos").
 */
function labelsADevice(words: CountWords, before: string | undefined, after: string | undefined): boolean {
  const plural = (token: string | undefined): boolean =>
    token !== undefined && words.things.has(token) && token.endsWith('s');
  return before !== undefined && words.things.has(before) && !before.endsWith('s') && !plural(after);
}

function refersToAll(words: CountWords, tokens: string[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined) return words.allAlone.has(tokens[i] ?? '');
  if (words.partitive.has(next)) return ofThem(words, tokens, i + 1) || countsDevices(words, tokens, i + 2);
  if (words.allReferents.has(next)) return true;
  return countsDevices(words, tokens, i + 1);
}

/** At most this many words, a report whose rough count is the subject ("unos 15 sin datos") need not name what it counts. */
const SHORT_REPORT_WORDS = 8;

/**
 * "…no envían lecturas, son unos 120", "there are about 30": an approximate number that ends its clause counts
 * what the message is about, though nothing counted follows it — a time, a reading or a code always names its
 * unit ("unos 20 minutos") or follows its code word.
 */
function approximateAtClauseEnd(
  words: CountWords,
  tokens: readonly string[],
  found: readonly RegExpExecArray[],
  i: number,
  number: NumberAt,
): boolean {
  const { end } = number;
  // "…todos los contadores de Stavanger, más de 20.": the approximating word may stand before a filler ("más de") —
  // not before another word ("around half 7" is a time).
  const approximated =
    words.approximate.has(tokens[i - 1] ?? '') ||
    (words.fillers.has(tokens[i - 1] ?? '') && words.approximate.has(tokens[i - 2] ?? ''));
  if (!approximated && !number.rounded) return false;
  if (tokens.slice(Math.max(0, i - 4), i).some((w) => words.codeContext.has(w))) return false;
  // "se nos han caído los localizadores, al menos cinco no mandan datos": the count is the subject of what follows —
  // in a short report ("unos 15 sin datos desde ayer") even with nothing counted named.
  const subject = words.countSubject.has(tokens[end] ?? '');
  // What is counted must be named somewhere — unless the message is little more than the count ("son como 80").
  const short = tokens.length <= (subject ? SHORT_REPORT_WORDS : 4);
  if (!short && !tokens.some((w) => words.things.has(w))) return false;
  if (subject) return true;
  const last = found[end - 1];
  const next = found[end];
  if (!last || !next) return true;
  // "unos 25 en Bergen no reportan": where they are, right after the count.
  if (words.addedWhere.has(tokens[end] ?? '')) return true;
  return /[.,;:!?)\n]/.test(next.input.slice(last.index + last[0].length, next.index));
}

/** How far before "45 de 90" the devices counted may be named ("la mitad de los cargadores … caídos: 45 de 90"). */
const DEVICES_BEFORE = 12;

/**
 * The whole in "120 of 240 units" after the part's number: read when the whole counts devices — or when it ends its
 * clause in a message that names the devices elsewhere ("Los paneles de alarma no mandan los SMS. Son unos 70 de 400.").
 */
function partOfWhole(
  words: CountWords,
  tokens: string[],
  part: NumberAt,
  found: readonly RegExpExecArray[],
): NumberAt | undefined {
  let at = part.end;
  if (tokens[at] === 'out' && tokens[at + 1] === 'of') at += 1;
  if (!words.partitive.has(tokens[at] ?? '')) return undefined;
  // "3 of our 40 trackers", "uno de nuestros 8 equipos": a word of the count's fillers may stand before the whole.
  const skipped = words.fillers.has(tokens[at + 1] ?? '') && /^\d/.test(tokens[at + 2] ?? '') ? 1 : 0;
  const whole = readNumber(words, tokens, at + 1 + skipped);
  if (!whole || whole.value <= part.value) return undefined;
  if (countsDevices(words, tokens, whole.end)) return whole;
  const last = found[whole.end - 1];
  const next = found[whole.end];
  const endsClause =
    last !== undefined &&
    (next === undefined || /[.,;:!?)\n]/.test(last.input.slice(last.index + last[0].length, next.index)));
  if (endsClause && tokens.some((w) => words.things.has(w))) return whole;
  // "la mitad de los cargadores de la red caídos: 45 de 90 no reportan": the devices named just before, in its sentence.
  for (let k = part.end - 2; k >= Math.max(0, part.end - 1 - DEVICES_BEFORE); k--) {
    const here = found[k];
    const after = found[k + 1];
    if (here && after && /[.!?\n]/.test(here.input.slice(here.index + here[0].length, after.index))) break;
    if (words.things.has(tokens[k] ?? '')) return whole;
  }
  return undefined;
}

/** "since ~14:00", "a las 9:30", "a las 7", "at 7 am": the hour of a time of day, never a count. */
function isClockTime(folded: string, found: readonly RegExpExecArray[], i: number): boolean {
  const match = found[i];
  if (!match || !/^\d{1,2}$/.test(match[0])) return false;
  // "03:12" — the hour before its minutes, and the minutes after their hour.
  if (/\d[:h]$/.test(folded.slice(0, match.index))) return true;
  // "desde el martes a las 7", "since 7 am": an hour told in words around it.
  if (/\b(?:a|desde|sobre|hacia|hasta) las $/.test(folded.slice(0, match.index))) return true;
  if (/^ ?(?:am|pm|o clock|oclock)\b/.test(folded.slice(match.index + match[0].length))) return true;
  return /^[:h]\d{2}\b/.test(folded.slice(match.index + match[0].length));
}

/**
 * "Q3 fleet expansion", "our 4g units": digits written into a word name a quarter or a technology, not a count; nor
 * do the parts of a code written with dashes or slashes ("PO 4500-2231").
 */
function gluedToWord(match: RegExpExecArray | undefined): boolean {
  if (!match || !/^\d/.test(match[0])) return false;
  const before = match.input[match.index - 1] ?? '';
  const after = match.input[match.index + match[0].length] ?? '';
  return /[a-z]/.test(before) || /[a-z]/.test(after) || partOfCode(match);
}

/** "el 40 % de los rastreadores, unos 120 equipos": a share, never the count (the count may follow). */
function percentage(match: RegExpExecArray | undefined): boolean {
  if (!match || !/^\d/.test(match[0])) return false;
  return /^\s*(?:%|percent\b|per\s+cent\b|por\s*ciento\b)/.test(
    match.input.slice(match.index + match[0].length),
  );
}

/** "2) unit rebooted", "3. data flowing again": a numbered list's item number, at a line's start, is no count. */
function listMarker(match: RegExpExecArray | undefined): boolean {
  if (!match || !/^\d{1,2}$/.test(match[0])) return false;
  const lineStart = match.input.lastIndexOf('\n', match.index) + 1;
  if (!/^[\s>*•-]*$/.test(match.input.slice(lineStart, match.index))) return false;
  return /^[).]\s/.test(match.input.slice(match.index + match[0].length));
}

/**
 * "PO 4500-2231", "ref 2024/118734": digits joined to other digits by a dash or slash are one code — unless they
 * read as a range, the smaller number first ("200-300 trackers").
 */
function partOfCode(match: RegExpExecArray): boolean {
  const input = match.input;
  const own = Number(match[0]);
  const left = /(\d+)[-/]$/.exec(input.slice(0, match.index))?.[1];
  const right = /^[-/](\d+)/.exec(input.slice(match.index + match[0].length))?.[1];
  if (left !== undefined) return Number(left) >= own;
  if (right !== undefined) return own >= Number(right);
  return false;
}

/**
 * The counts added to the first one further on: "plus 35 in Norway", "y 20 en Bilbao", "and another 30 chargers"
 * — a number right after an `added` word (or an `added` word and a `besides` one), that counts devices or says
 * where they are (`addedWhere`).
 */
function addedCounts(words: CountWords, tokens: string[], from: number): number {
  let sum = 0;
  for (let i = from; i < tokens.length; i++) {
    if (!words.added.has(tokens[i] ?? '')) continue;
    const at = words.besides.has(tokens[i + 1] ?? '') ? i + 2 : i + 1;
    const number = readNumber(words, tokens, at);
    // "…and 3 of them are in Germany": a part of the first count, not more.
    if (!number || ofThem(words, tokens, number.end)) continue;
    if (countsDevices(words, tokens, number.end) || words.addedWhere.has(tokens[number.end] ?? '')) {
      sum += number.value;
      i = number.end - 1;
    }
  }
  return sum;
}

/**
 * How many SIMs/devices the customer says are affected: "about 2000 SIMs", "all 40 units", "unas 3000 SIM",
 * "tres mil contadores", "2k devices", "all of them", "todas". `folded` must come from `foldText`.
 */
/** The index of the last token of the sentence token `from` is in (a ".", "!", "?" or ";" after it ends one). */
function sentenceEnd(folded: string, found: readonly RegExpExecArray[], from: number): number {
  for (let k = from; k < found.length - 1; k++) {
    const here = found[k];
    const next = found[k + 1];
    if (here && next && /[.!?;]/.test(folded.slice(here.index + here[0].length, next.index))) return k;
  }
  return found.length - 1;
}

export function extractAffected(folded: string, words: CountWords): Affected | undefined {
  const found = [...folded.matchAll(TOKEN)];
  const tokens = found.map((m) => m[0]);
  // "All of our roaming units have no data, about 40 of them": the count may come after the "all".
  let allSaid = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (!allSaid && words.all.has(token) && refersToAll(words, tokens, i)) {
      const number = readNumber(words, tokens, i + 1) ?? readNumber(words, tokens, i + 2);
      if (number && countsDevices(words, tokens, number.end))
        return { count: number.value, all: true, approximate: false };
      allSaid = true;
      continue;
    }
    if (words.codeContext.has(tokens[i - 1] ?? '')) continue;
    // "the cab unit in truck 31 (SIM …) cannot make calls": a number right after one device names it, counts nothing.
    if (labelsADevice(words, tokens[i - 1], tokens[i + 1])) continue;
    if (isClockTime(folded, found, i) || gluedToWord(found[i]) || listMarker(found[i])) continue;
    if (percentage(found[i])) continue;
    const number = readNumber(words, tokens, i);
    if (!number) continue;
    if (words.notOnly.some((phrase) => phrase.every((w, k) => tokens[i - phrase.length + k] === w))) continue;
    const before = tokens.slice(Math.max(0, i - 3), i);
    // "120 of 240 units", "45 de 300 equipos", "12 out of 50 trackers": the first number is the affected part.
    const whole = partOfWhole(words, tokens, number, found);
    if (whole) {
      const approximate = number.rounded || before.some((w) => words.approximate.has(w));
      const sampled = before.some((w) => words.sample.has(w));
      return { count: sampled ? whole.value : number.value, all: false, approximate };
    }
    // "We've got a big one. Our client Van Dijk…": what is counted stands in the number's own sentence.
    const sentence = tokens.slice(0, sentenceEnd(folded, found, number.end - 1) + 1);
    if (
      !countsDevices(words, sentence, number.end) &&
      !approximateAtClauseEnd(words, tokens, found, i, number)
    )
      continue;
    const all = allSaid || before.some((w) => words.all.has(w));
    // "Every panel reports … over one of your SIMs. … about 40 of our panels stopped": one SIM to each of them
    // counts nothing affected — the count is further on.
    if (all && number.value === 1) continue;
    const approximate = number.rounded || before.some((w) => words.approximate.has(w));
    const besides = words.besides.has(tokens[i - 1] ?? '');
    const count = number.value + addedCounts(words, tokens, number.end);
    return { count, all, approximate, ...(besides ? { besidesNamed: true } : {}) };
  }
  return allSaid ? { all: true, approximate: false } : undefined;
}

/**
 * A count given with nothing counted, as an answer to "which SIM?" ("unos 20, pero ya vamos por más de 300", "about
 * 300 now, and rising", "unos ochenta", "forty odd i reckon"): the last number, in digits or words, right after an
 * approximating word ("about", "more than", "más de", "unos") or before a rough-figure phrase ("odd", "y pico"),
 * or undefined. A number alone is no count here: "0043" at that question is the SIM's last digits; nor is a
 * quantity ("about two days ago", "más de dos horas").
 */
export function approximateCountAnswer(tokens: readonly string[], words: CountWords): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const number = readNumber(words, tokens, i);
    if (!number) continue;
    const approximated = number.rounded || approximatedBefore(words, tokens, i);
    if (approximated && number.value > 1 && !quantityAt(words, tokens[number.end])) found = number.value;
    // "ninety nine" is one number, not a "nine" too.
    i = number.end - 1;
  }
  return found;
}

/**
 * The number after "all of them" at "which SIM?" ("todas, las 8", "all of them, 12"): how many they are, or
 * undefined — "0043" is last digits, "two days" a quantity, one SIM no count.
 */
export function countAfterAll(tokens: readonly string[], words: CountWords): number | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const number = readNumber(words, tokens, i);
    if (number && number.value > 1 && !quantityAt(words, tokens[number.end])) return number.value;
  }
  return undefined;
}

/** An approximating word just before `i`, or one and its link ("more than 300", "más de 300"). */
function approximatedBefore(words: CountWords, tokens: readonly string[], i: number): boolean {
  const before = tokens[i - 1] ?? '';
  if (words.approximate.has(before)) return true;
  return APPROXIMATE_LINKS.has(before) && words.approximate.has(tokens[i - 2] ?? '');
}

/** A unit that makes the number before it a quantity ("two days"), unless it is what is counted ("80 units"). */
function quantityAt(words: CountWords, token: string | undefined): boolean {
  return token !== undefined && words.quantityUnits.test(token) && !words.things.has(token);
}

/** The word between an approximating word and its number ("more than 300", "más de 300"). */
const APPROXIMATE_LINKS: ReadonlySet<string> = new Set(['than', 'de', 'of']);

/**
 * A count given as a labelled value on its own line, as alerts and tables show it ("Meters with 2+ consecutive missed
 * reads: 27", "Contadores afectados: 140"): the label names what is counted, the number ends the line. Undefined
 * when no line reads so (a "Severity: 3" or "CSQ: 99" line names nothing counted).
 */
export function labelledCount(folded: string, words: CountWords): Affected | undefined {
  for (const line of folded.split('\n')) {
    const match = /^\s*[>|*•-]?\s*([^:\d][^:]*):\s*(\d{1,6})\s*[|.]?\s*$/.exec(line);
    if (!match) continue;
    const label = (match[1] ?? '').split(/[^\p{L}\p{N}+]+/u).filter(Boolean);
    const value = Number(match[2]);
    if (
      value > 1 &&
      label.some((word) => words.things.has(word)) &&
      !label.some((w) => words.codeContext.has(w))
    )
      return { count: value, all: false, approximate: false };
  }
  return undefined;
}
