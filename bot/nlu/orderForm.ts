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

/**
 * What an {@link OrderDetails} reads an order's details with: the order form, the plans' names and the words for what
 * is ordered (`orderItem`: "SIMs", "tarjetas").
 */
export interface OrderDetailWords {
  requests: RequestsFile;
  plans: { list(): readonly { name: string }[] };
  items?: readonly string[];
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
 * its name, an address after a lead-in of two words or more ("delivered to …", "enviadla a …"), a number of what is
 * ordered ("15 SIM nuevas"). Three details of
 * an order told in one message ("200 nano SIMs on IoT Connect EU, delivered to …") place an order, whatever else
 * the message complains about. Built once per knowledge version; {@link told} folds only the message.
 */
export class OrderDetails {
  /** Per detail of the order form, whether the folded and spaced message tells it. */
  private readonly details: readonly ((folded: string) => boolean)[];

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
    this.details = knowledge.requests.types.order.fields.flatMap((field) => {
      if (field.kind === 'choice')
        return [anyOf(field.choices.flatMap((c) => Object.values(c.words ?? {}).flat()).map(spaced))];
      if (field.kind === 'plan') return [anyOf(knowledge.plans.list().map((p) => spaced(p.name)))];
      if (field.kind === 'text' && field.after)
        return [anyOf(field.after.filter((a) => a.trim().split(/\s+/).length >= 2).map(spaced))];
      if (field.kind === 'number' && quantity) return [(folded: string) => quantity.test(folded)];
      return [];
    });
  }

  /** The number of the order's details `text` tells. */
  told(text: string): number {
    const folded = spaced(text);
    return this.details.filter((tells) => tells(folded)).length;
  }
}
