import type { RequestsFile } from '../knowledgeBase/schemas/requestsSchema.js';
import { foldText } from './normalize.js';
import type { Vocabulary } from './words/vocabulary.js';

/** "Quantity: 200", "- Dirección de entrega: Calle …": a labelled line, its label and what follows it. */
const LABELLED_LINE = /^\s*[-*•]?\s*([^:\n]{2,40}):\s*(\S.*)$/;

/**
 * The values of the lines labelled as an order form's are (`orderFormLabel`: "Quantity", "Card type", "Dirección de
 * entrega"), in the order written: an order written as a form, whatever the message calls it.
 */
export function orderFormValues(text: string, words: Vocabulary): string[] {
  return text.split('\n').flatMap((line) => {
    const [, label, value] = LABELLED_LINE.exec(line) ?? [];
    return label !== undefined && value !== undefined && words.whole('orderFormLabel', label)
      ? [value.trim()]
      : [];
  });
}

/** The words that tell where an order goes (a text field of `requests.json` with `after`). */
export interface AddressWords {
  /** Lead-ins: the rest after one is the address ("delivered to …", "enviadas a …"). */
  after?: readonly string[];
  /** The field's own names: the address follows one after a colon, or when it starts like one ("Address: …"). */
  named?: readonly string[];
}

/** How {@link addressIn} reads. */
export interface AddressReading {
  /** Only a lead-in that opens the message ("send them to …", the answer to the field's question). */
  leading?: boolean;
  /** Also an address without a lead-in, recognised by its shape ({@link ADDRESS_SHAPE}). */
  byShape?: boolean;
}

/**
 * Where an order goes, as a message tells it: the rest after a lead-in ("They could go to Acme Ltd, …"), after the
 * field's name when a colon or the address itself follows ("Address: …", "dirección Calle Mayor 10…" — "I need to
 * check the address with our warehouse" names the field and tells none), else — `byShape` — a street and number with
 * a postcode and town, up to the end of its sentence ("…, mandadlas a Calle Mayor 10, 50001 Zaragoza."), or what
 * follows a colon when it holds a postcode and town ("mejor a la casa del pueblo: Masía Los Pinos, 44100
 * Albarracín"). Undefined when it tells none. Reads with a new {@link AddressReader}: one read many times (every
 * message, {@link OrderDetails}) is built once.
 */
export function addressIn(text: string, words: AddressWords, how: AddressReading = {}): string | undefined {
  return new AddressReader(words).read(text, how);
}

/** Where a lead-in or a field's name may stand: opening the message, or anywhere after a space. */
const LEADING = '^\\s*';
const ANYWHERE = '(?:^|\\s)';

/** Reads where an order goes ({@link addressIn}) with one field's words, their patterns built once. */
export class AddressReader {
  private readonly leading: readonly RegExp[];
  private readonly anywhere: readonly RegExp[];
  private readonly named: readonly RegExp[];
  private readonly anyLeading: RegExp | undefined;
  private readonly anyAnywhere: RegExp | undefined;
  private readonly anyNamed: RegExp | undefined;

  constructor(words: AddressWords) {
    const after = words.after ?? [];
    const named = words.named ?? [];
    this.leading = after.map((phrase) => phrasePattern(phrase, LEADING));
    this.anywhere = after.map((phrase) => phrasePattern(phrase, ANYWHERE));
    this.named = named.map((phrase) => phrasePattern(phrase, ANYWHERE));
    this.anyLeading = anyPhrase(after, LEADING);
    this.anyAnywhere = anyPhrase(after, ANYWHERE);
    this.anyNamed = anyPhrase(named, ANYWHERE);
  }

  /** The address `text` tells, read as {@link addressIn} says. */
  read(text: string, how: AddressReading = {}): string | undefined {
    const told = how.leading
      ? textAfter(text, this.leading, this.anyLeading, false)
      : (textAfter(text, this.anywhere, this.anyAnywhere, false) ??
        textAfter(text, this.named, this.anyNamed, true));
    if (told !== undefined || !how.byShape) return told;
    // A postcode first: the shape's pattern is long, and most messages hold no number of three digits or more.
    if (!/\d{3}/.test(text)) return undefined;
    return ADDRESS_SHAPE.exec(text)?.[0].trim() ?? addressAfterColon(text);
  }
}

/** A postcode and the town after it ("44100 Albarracín", "417 64 Göteborg"): what an address is told with. */
export const POSTCODE_TOWN = /(?:^|[^\d])(\d{3,5}(?: \d{2})?)\s+\p{Lu}\p{Ll}/u;

/** A capitalised word of a street's or a place's name ("Storgatan", "Avda.", "C/"). */
const NAME_WORD = "\\p{Lu}[\\p{L}'’./-]*";
/** The small words inside street names ("Calle de la Iglesia", "Avenue of the Americas"). */
const NAME_LINK = '(?:de|del|la|las|los|el|da|do|das|dos|di|du|van|von|der|den|am|an|y|i|of|the)';
/** A kind of street written small after its name ("Dronning Eufemias gate 16", "Kongens vej 4", "Lange weg 3"). */
const STREET_KIND =
  '(?:gate|gata|gatan|vei|veien|vej|vegen|väg|vägen|plass|plads|torg|torget|allé|straße|strasse|weg|gasse|platz)';
const STREET = `${NAME_WORD}(?:\\s+(?:${NAME_WORD}|${NAME_LINK}|${STREET_KIND})){0,5}`;
/** A house number ("12", "14B", "12-14"). */
const HOUSE = '\\d{1,4}\\p{L}?(?:[-/]\\d{1,4})?';

/**
 * An address by its shape: a street and its number (either way round), at most one short part more ("2ºB",
 * "Dock 4"), then a postcode and a town — and the rest of that sentence ("Storgatan 12, 111 22 Stockholm, Sweden",
 * "Calle Mayor 14, 2ºB, 28013 Madrid", "12 Main Street, 12345 Springfield").
 */
const ADDRESS_SHAPE = new RegExp(
  `(?<![\\p{L}\\d])(?:${STREET},?\\s+${HOUSE}|${HOUSE}\\s+${STREET})(?:\\s*,\\s*[^,\\n.!?]{1,20}?)?\\s*,?\\s+` +
    `\\d{3,5}(?: \\d{2})?\\s+\\p{Lu}\\p{Ll}[^.!?\\n]*`,
  'u',
);

/** The text after the last colon, when it holds a postcode and a town. */
function addressAfterColon(text: string): string | undefined {
  const after = text.slice(text.lastIndexOf(':') + 1).trim();
  return text.includes(':') && POSTCODE_TOWN.test(after) ? after.replace(/[.!]+$/u, '') : undefined;
}

/** A phrase, accents ignored, where `start` says, with an optional colon after it and the rest to follow. */
function phrasePattern(phrase: string, start: string): RegExp {
  return new RegExp(`${start}${escapedPhrase(phrase)}(\\s*:)?\\s+(?=\\S)`, 'giu');
}

/** Any of the phrases, where `start` says: one test before they are tried one by one (most messages hold none). */
function anyPhrase(phrases: readonly string[], start: string): RegExp | undefined {
  return phrases.length > 0
    ? new RegExp(`${start}(?:${phrases.map(escapedPhrase).join('|')})\\s*[:\\s]`, 'iu')
    : undefined;
}

/** A phrase as a pattern: accents ignored, any run of spaces for a space. */
function escapedPhrase(phrase: string): string {
  return withoutAccents(phrase)
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
}

/**
 * The rest of the message after the first phrase of `patterns` that matches (at least a few characters). Accents are
 * ignored in the phrase ("mándenlos a" is "mandenlos a"); the rest is kept as written. `named`: only where a colon
 * follows the phrase, or the rest starts with a capital or a digit.
 */
function textAfter(
  raw: string,
  patterns: readonly RegExp[],
  any: RegExp | undefined,
  named: boolean,
): string | undefined {
  const written = raw.normalize('NFC');
  const plain = withoutAccents(written);
  if (!any?.test(plain)) return undefined;
  // Same length when every accented letter was one character (the usual case): match plain, keep written.
  const text = plain.length === written.length ? written : plain;
  for (const pattern of patterns) {
    for (const match of plain.matchAll(pattern)) {
      const rest = text
        .slice(match.index + match[0].length)
        .trim()
        .replace(/[.!]+$/u, '');
      const labelled = !named || match[1] !== undefined || /^[\p{Lu}\d]/u.test(rest);
      if (labelled && rest.length >= 8) return rest;
    }
  }
  return undefined;
}

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * What an {@link OrderDetails} reads an order's details with: the order form, the plans' names and the words for what
 * is ordered (`orderItem`: "SIMs", "tarjetas").
 */
export interface OrderDetailWords {
  requests: RequestsFile;
  plans: { list(): readonly { name: string }[] };
  items?: readonly string[];
  /** "please", "por favor", "thanks": a sentence's last clause of these ends the customer's words, not the address. */
  courtesy?: readonly string[];
}

/** `text` matched literally inside a regular expression. */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words and phrases folded for whole-word matching inside ` … ` (a space on each side). */
function spaced(text: string): string {
  return ` ${foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * How many of an order's details a message tells in prose, read with the order form's own words
 * (`requests.json`): a SIM type named by one of its choice's words ("nano", "de las de tres tamaños"), a plan by
 * its name, an address as the form reads one told with the order ({@link addressIn}: "delivered to …", "enviadas a
 * Calle Mayor 10, 50001 Zaragoza"), a number of what is ordered ("15 SIM nuevas"). Three details of
 * an order told in one message ("200 nano SIMs on IoT Connect EU, delivered to …") place an order, whatever else
 * the message complains about. Built once per knowledge version; {@link told} folds only the message.
 */
export class OrderDetails {
  /** Per detail of the order form, whether the message (as written, and folded and spaced) tells it. */
  private readonly details: readonly ((folded: string, text: string) => boolean)[];
  /** The order form's address, as it reads one told in a message. */
  private readonly addresses: readonly AddressReader[];
  /** {@link OrderDetailWords.courtesy}, folded. */
  private readonly courtesy: ReadonlySet<string>;

  constructor(knowledge: OrderDetailWords) {
    const anyOf =
      (phrases: readonly string[]) =>
      (folded: string): boolean =>
        phrases.some((phrase) => folded.includes(phrase));
    const items = (knowledge.items ?? []).map((item) => foldText(item).trim()).filter(Boolean);
    // "15 SIM nuevas", "200 nano SIMs": a number right before what is ordered (a word may stand between).
    const quantity =
      items.length > 0
        ? new RegExp(` \\d+ (?:\\p{L}+ )?(?:${items.map(escaped).join('|')}) `, 'u')
        : undefined;
    const readers: AddressReader[] = [];
    this.details = knowledge.requests.types.order.fields.flatMap((field) => {
      if (field.kind === 'choice')
        return [anyOf(field.choices.flatMap((c) => Object.values(c.words ?? {}).flat()).map(spaced))];
      if (field.kind === 'plan') return [anyOf(knowledge.plans.list().map((p) => spaced(p.name)))];
      if (field.kind === 'text' && field.after) {
        const address = new AddressReader(field);
        readers.push(address);
        return [(_: string, text: string) => address.read(text, { byShape: true }) !== undefined];
      }
      if (field.kind === 'number' && quantity) return [(folded: string) => quantity.test(folded)];
      return [];
    });
    this.addresses = readers;
    this.courtesy = new Set((knowledge.courtesy ?? []).map((phrase) => spaced(phrase).trim()));
  }

  /**
   * An address read up to the end of its sentence without the courtesy that closes it ("Calle de Alcalá 120, 28009
   * Madrid, por favor" → "Calle de Alcalá 120, 28009 Madrid"): the "por favor" is the customer's, and in their language.
   */
  withoutCourtesy(address: string): string {
    const [, kept, last] = /^(.*\S)\s*[,;.!]\s*([^,;.!]+?)[\s.!]*$/su.exec(address) ?? [];
    return kept && last && this.courtesy.has(spaced(last).trim()) ? kept.replace(/[\s,;]+$/u, '') : address;
  }

  /**
   * `text` without the delivery address it tells (after its lead-in or by its shape): street, company and place names
   * ("Dronning Eufemias gate 16, 0191 Oslo") say nothing of the language the customer writes in; the lead-in does.
   */
  withoutAddress(text: string): string {
    let rest = text;
    for (const reader of this.addresses) {
      const address = reader.read(rest, { byShape: true });
      if (address) rest = rest.replace(this.withoutCourtesy(address), ' ');
    }
    return rest;
  }

  /** The number of the order's details `text` tells. */
  told(text: string): number {
    const folded = spaced(text);
    return this.details.filter((tells) => tells(folded, text)).length;
  }
}
