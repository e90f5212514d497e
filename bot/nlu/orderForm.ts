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

/** What an {@link OrderDetails} reads an order's details with: the order form and the plans' names. */
export interface OrderDetailWords {
  requests: RequestsFile;
  plans: { list(): readonly { name: string }[] };
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
 * its name, an address after a lead-in of two words or more ("delivered to …", "enviadla a …"). Three details of
 * an order told in one message ("200 nano SIMs on IoT Connect EU, delivered to …") place an order, whatever else
 * the message complains about. Built once per knowledge version; {@link told} folds only the message.
 */
export class OrderDetails {
  /** Per detail of the order form, its phrases folded and spaced. */
  private readonly details: readonly (readonly string[])[];

  constructor(knowledge: OrderDetailWords) {
    this.details = knowledge.requests.types.order.fields.flatMap((field) => {
      if (field.kind === 'choice')
        return [field.choices.flatMap((c) => Object.values(c.words ?? {}).flat()).map(spaced)];
      if (field.kind === 'plan') return [knowledge.plans.list().map((p) => spaced(p.name))];
      if (field.kind === 'text' && field.after)
        return [field.after.filter((a) => a.trim().split(/\s+/).length >= 2).map(spaced)];
      return [];
    });
  }

  /** The number of the order's details `text` tells. */
  told(text: string): number {
    const folded = spaced(text);
    return this.details.filter((phrases) => phrases.some((phrase) => folded.includes(phrase))).length;
  }
}
