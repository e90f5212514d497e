import type { Lang } from '../bot/domain/language.js';
import type { KnowledgeBase } from '../bot/knowledgeBase/knowledgeBase.js';
import type { RequestField } from '../bot/knowledgeBase/schemas/requestsSchema.js';
import type { Plan } from '../bot/knowledgeBase/types.js';
import { foldText, foldWords } from '../bot/nlu/normalize.js';
import type { Entities } from '../bot/nlu/types.js';
import { messageWords, type Vocabulary } from '../bot/nlu/words/vocabulary.js';
import { negatedAt, numbersIn, restatedNumber } from '../bot/nlu/entities/corrections.js';
import { parseDigits } from '../bot/nlu/entities/numbers.js';
import { addressIn, orderFormValues } from '../bot/nlu/orderForm.js';
import { planNamed } from '../bot/knowledgeBase/planNames.js';

/** A field's answer as the case keeps it, or undefined when the message does not answer it. */
export type FieldValue = string | undefined;

/** The value `unknown` answers ("not sure", "no lo sé"): operations will ask or decide. */
export const UNKNOWN_VALUE = '—';

/** A choice named by its label (any language), one of its words, or its position ("2"). */
function choiceIn(
  kb: KnowledgeBase,
  field: Extract<RequestField, { kind: 'choice' }>,
  text: string,
  whole: boolean,
): FieldValue {
  const folded = ` ${foldWords(text)} `;
  if (whole && /^\s*\d\s*$/.test(text)) return field.choices[Number(text.trim()) - 1]?.id;
  // "en formato nano, no micro": a choice taken back is not the one chosen; "micro I think? actually wait, no — the
  // new ones are nano. Nano.": the choice named last is the one meant.
  const lastNamed = (w: string): number => {
    const word = ` ${foldWords(w)} `;
    for (let at = folded.lastIndexOf(word); at >= 0; at = folded.lastIndexOf(word, at - 1))
      if (!negatedAt(kb.vocabulary, folded, at + 1)) return at;
    return -1;
  };
  const namedAt = new Map<string, number>();
  for (const choice of field.choices) {
    const labels = kb.spoken.list.map((lang) => kb.text(lang, choice.label));
    const words = [...Object.values(choice.words ?? {}).flat(), ...(whole ? labels : [])];
    namedAt.set(choice.id, Math.max(...words.map(lastNamed)));
  }
  // "triple corte (troquelado 2FF/3FF/4FF)", "triple cut (mini/micro/nano)": the sizes listed together are what the
  // one card holds, not the last of them chosen — every part named in one list names the whole.
  for (const choice of field.choices) {
    const parts = (choice.combines ?? []).map((id) => namedAt.get(id) ?? -1);
    if (parts.length === 0 || parts.some((at) => at < 0)) continue;
    const last = Math.max(...parts);
    if (last - Math.min(...parts) <= LIST_SPAN)
      namedAt.set(choice.id, Math.max(last, namedAt.get(choice.id) ?? -1));
  }
  let found: { id: string; at: number } | undefined;
  for (const [id, at] of namedAt) if (at >= 0 && (!found || at > found.at)) found = { id, at };
  return found?.id;
}

/** At most this many characters from the first to the last of a choice's parts named as one list. */
const LIST_SPAN = 30;

/** A plan of the catalogue named in the message (or by its position when the whole answer is a number). */
function planIn(words: Vocabulary, plans: readonly Plan[], text: string, whole: boolean): FieldValue {
  if (whole && /^\s*\d\s*$/.test(text)) return plans[Number(text.trim()) - 1]?.name;
  return planNamed(words, plans, text)?.name;
}

/** Which SIMs a message names: ICCIDs, phone numbers, IMSIs or last digits, a count, or all. */
function simsIn(kb: KnowledgeBase, lang: Lang, entities: Entities): FieldValue {
  const numbers = [...entities.iccids.map((i) => i.value), ...entities.msisdns];
  const refs = [
    ...entities.iccids.map((i) => i.value),
    // "raise the limit on 070-123 84 71": digits inside a number named whole name no SIM of their own.
    ...entities.lastDigits.filter((d) => !numbers.some((n) => n.includes(d))).map((d) => `…${d}`),
    ...entities.msisdns,
    // "Can you reactivate the SIM whose IMSI is 240071000015857?": labelled, so it is read back as an IMSI.
    ...entities.imsis.map((imsi) => `IMSI ${imsi}`),
  ];
  if (refs.length > 0) return refs.join(', ');
  if (entities.affected?.all) return kb.text(lang, 'request.sims.all');
  // "Necesito que activéis una SIM": one SIM counted is not yet which one — the form asks for it.
  if (entities.affected?.count && entities.affected.count > 1)
    return kb.text(lang, 'request.sims.count', { count: entities.affected.count });
  return undefined;
}

/** The SIMs a request names by two or three digits after a SIM's article ("activar la 35" → "…35"), if any. */
function shortSims(kb: KnowledgeBase, text: string, entities: Entities): FieldValue {
  const digits = kb.entityWords.suffixes.afterArticle(foldText(text), entities.affected?.count);
  return digits.length > 0 ? digits.map((d) => `…${d}`).join(', ') : undefined;
}

/** "1. ", "2) " opening a line of a numbered list. */
const LIST_MARKERS = /^[ \t]*\d{1,2}[.)][ \t]+/gm;

/**
 * Read a field's value from a message: from the request itself (`whole` false: only what it clearly
 * names) or from the answer to the field's own question (`whole` true: the answer is the value).
 */
export function readField(
  kb: KnowledgeBase,
  lang: Lang,
  field: RequestField,
  text: string,
  entities: Entities,
  whole: boolean,
  /** The plans this customer may name (public and their own). */
  plans: readonly Plan[],
): FieldValue {
  if (whole && kb.vocabulary.dontKnow(text)) return UNKNOWN_VALUE;
  // "yes, correct" / "sí, vale" answers a question; it is not an address or a description.
  // "sí, dale" where the SIM was asked: a go-ahead, no SIM named in it.
  if (whole && (field.kind === 'text' || field.kind === 'sims') && isBareYesNo(kb, text)) return undefined;
  // "Sí, todo correcto, confirmo el pedido" where an address was asked: a confirmation, no place in it.
  if (
    whole &&
    field.kind === 'text' &&
    field.after &&
    kb.vocabulary.answer(text) === 'yes' &&
    !/\d/.test(text)
  )
    return undefined;
  switch (field.kind) {
    case 'number': {
      // "order 50 new SIMs", "quiero pedir 500": in a request the number is the quantity.
      // A numbered list's markers ("1. Cantidad: 150") number the lines, not the SIMs.
      const unlisted = text.replace(LIST_MARKERS, '');
      // "Quiero 20… perdón, que sean 40": the number restated wins.
      // "Quantity: 200" on a form line is the quantity, whatever else is numbered ("Q3", "3-in-1").
      const formValue = orderFormValues(unlisted, kb.vocabulary)
        .map((v) => /^\d[\d.,]*$/.exec(v)?.[0])
        .find((v) => v !== undefined);
      const value =
        (formValue === undefined ? undefined : parseDigits(formValue)) ??
        restatedNumber(kb.vocabulary, unlisted) ??
        entities.affected?.count ??
        numbersIn(kb.vocabulary, unlisted).find((n) => !n.negated)?.value ??
        // "Solo una, de las que se recortan": one, in words no count reads.
        (kb.vocabulary.has('justOne', unlisted) ? 1 : undefined);
      return value !== undefined && value >= field.min && value <= field.max ? String(value) : undefined;
    }
    case 'choice':
      return choiceIn(kb, field, text, whole);
    case 'plan':
      return planIn(kb.vocabulary, plans, text, whole);
    case 'sims':
      // "What state is it in, then?" asks something: no SIMs given.
      // "activar la 35": two or three digits after a SIM's article, where SIMs are changed, are the SIM's last digits.
      return (
        simsIn(kb, lang, entities) ??
        shortSims(kb, text, entities) ??
        (whole && text.trim().length >= 2 && !/[?¿]/.test(text) ? text.trim() : undefined)
      );
    case 'text':
      // In a message, only an address it clearly tells — after its lead-in, or by its shape.
      if (!whole && field.after)
        return withoutThanks(kb, ownBlock(kb, addressIn(text, field, { byShape: true })));
      // "deliver to Unit 4, Riverside Park…" as the answer: the address is what follows the lead-in — also after
      // a remark ("do you need the address? ok: deliver to …"); "Acme Ltd, Storgatan 12, …" is the whole answer.
      if (whole && field.after)
        return withoutThanks(
          kb,
          ownBlock(
            kb,
            addressIn(text, field, { leading: true }) ?? addressIn(text, field) ?? placeText(text),
          ),
        );
      return whole || field.fromMessage ? wholeText(text) : undefined;
  }
}

/** A field's value in words, for the summary ("Nano SIM (4FF)" for `4ff`). */
export function showField(kb: KnowledgeBase, lang: Lang, field: RequestField, value: string): string {
  if (field.kind === 'choice') {
    const choice = field.choices.find((c) => c.id === value);
    if (choice) return kb.text(lang, choice.label);
  }
  return value;
}

/**
 * A value up to where the message moves on: a blank line, or a line that signs off ("Kind regards,", "Un saludo") —
 * "Delivery address: Hamnvägen 12, Malmö\n\nKindly confirm receipt…" is only the address.
 */
function ownBlock(kb: KnowledgeBase, value: FieldValue): FieldValue {
  if (value === undefined) return undefined;
  const lines = value.split(/\n\s*\n/)[0]?.split('\n') ?? [];
  const signed = lines.findIndex((line) => kb.vocabulary.leading('signOff', line) !== undefined);
  const kept = (signed < 0 ? lines : lines.slice(0, signed))
    .join('\n')
    .trim()
    .replace(/[\s,;]+$/u, '');
  return kept.length >= 3 ? kept : value;
}

/** A value without the thanks that closed the message ("…, 28009 Madrid, att Jorge. gracias", "… thx"). */
function withoutThanks(kb: KnowledgeBase, value: FieldValue): FieldValue {
  if (value === undefined) return undefined;
  // "…, 28009 Madrid, por favor": the closing courtesy, after a mark — else a last word of thanks ("… Madrid gracias").
  const told = kb.orderDetails.withoutCourtesy(value);
  const [, kept, last] = /^(.*\S)\s+(\S+?)[\s.!]*$/su.exec(told) ?? [];
  return kept && last && kb.vocabulary.whole('thanks', last) ? kept.replace(/[\s,;]+$/u, '') : told;
}

/** The whole answer as the value, when it is more than a stray character or two. */
function wholeText(text: string): FieldValue {
  return text.trim().length >= 3 ? text.trim() : undefined;
}

/**
 * The whole answer as a delivery address when it holds a number (a street's, a postcode): "nvm forget it, boss says not
 * this quarter" where the address was asked is no place to send SIMs to.
 */
function placeText(text: string): FieldValue {
  return /\d/.test(text) ? wholeText(text) : undefined;
}

/** A short yes or no and nothing else ("sí, correcto", "ok"). */
function isBareYesNo(kb: KnowledgeBase, text: string): boolean {
  const answer = kb.vocabulary.answer(text);
  return (answer === 'yes' || answer === 'no') && messageWords(text).length <= 3;
}
