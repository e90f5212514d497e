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
