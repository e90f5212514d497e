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

/** What {@link orderDetailsTold} reads an order's details with: the order form and the plans' names. */
export interface OrderDetailWords {
  requests: RequestsFile;
  plans: { list(): readonly { name: string }[] };
}

/**
 * How many of an order's details a message tells in prose, read with the order form's own words
 * (`requests.json`): a SIM type named by one of its choice's words ("nano", "de las de tres tamaños"), a plan by
 * its name, an address after a lead-in of two words or more ("delivered to …", "enviadla a …"). Three details of
 * an order told in one message ("200 nano SIMs on IoT Connect EU, delivered to …") place an order, whatever else
 * the message complains about.
 */
export function orderDetailsTold(text: string, knowledge: OrderDetailWords): number {
  const folded = ` ${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const has = (phrase: string): boolean =>
    folded.includes(
      ` ${foldText(phrase)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()} `,
    );
  const fields = knowledge.requests.types.order.fields;
  let told = 0;
  for (const field of fields) {
    if (field.kind === 'choice') {
      const words = field.choices.flatMap((c) => Object.values(c.words ?? {}).flat());
      if (words.some(has)) told += 1;
    } else if (field.kind === 'plan') {
      if (knowledge.plans.list().some((p) => has(p.name))) told += 1;
    } else if (field.kind === 'text' && field.after) {
      const leadIns = field.after.filter((a) => a.trim().split(/\s+/).length >= 2);
      if (leadIns.some(has)) told += 1;
    }
  }
  return told;
}
