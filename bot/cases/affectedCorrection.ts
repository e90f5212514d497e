import type { TurnContext } from 'botbuilder';
import type { Lang } from '../domain/language.js';
import { correctedNumber } from '../nlu/entities/corrections.js';
import type { Entities } from '../nlu/types.js';
import { recognitionOf } from '../turn/turnKeys.js';
import { messageWords, type Vocabulary } from '../nlu/words/vocabulary.js';
import type { Case } from './caseSchema.js';
import type { CaseService } from './caseService.js';
import type { TextFn } from './texts.js';

/** What {@link AffectedCorrection} needs; built in bot/index.ts. */
export interface AffectedCorrectionOptions {
  cases: Pick<CaseService, 'findActiveByConversation' | 'reprioritise'>;
  text: TextFn;
  vocabulary: () => Vocabulary;
}

/**
 * A new count for what a case already counts, told in words: a count taken back that the case holds ("corrijo:
 * son 45, no 25", "it's 80 trucks, not 30"), or a count after an update word ("actually it's 52 vans now", "ya son
 * 18 en total"). Undefined when the message updates nothing — a number the case never held, or no update word.
 */
export function readCountUpdate(
  words: Vocabulary,
  text: string,
  entities: Entities | undefined,
  current: number,
): number | undefined {
  const corrected = correctedNumber(words, text);
  if (corrected) return corrected.takenBack === current && corrected.value >= 1 ? corrected.value : undefined;
  const folded = messageWords(text);
  const marks = words.find('countUpdate', folded);
  if (marks.length === 0) return undefined;
  const counted = entities?.affected?.count;
  if (counted !== undefined) {
    if (counted <= 1 || counted === current) return undefined;
    // "Dozens of them, every meter in the city. Please escalate this now": the update word must stand in a sentence
    // that counts something (a number, or what is counted) — "now" elsewhere updates nothing.
    const counts = text
      .split(/[.!?\n]+/)
      .some(
        (sentence) =>
          words.has('countUpdate', sentence) && (/\d/.test(sentence) || words.has('countedThings', sentence)),
      );
    return counts ? counted : undefined;
  }
  // "ya son 18 en total": the number right after the update word; "it's 340 now", "210 en total": right before
  // it. The last one told wins ("son 150 en Madrid y otros 60 en Barcelona. 210 en total").
  let found: number | undefined;
  for (const mark of marks) {
    for (const word of [folded[mark.start - 1], folded[mark.end]]) {
      const value = word && /^\d{1,6}$/.test(word) ? Number(word) : undefined;
      if (value !== undefined && value > 1 && value !== current) found = value;
    }
  }
  return found;
}

/**
 * A message that is only a count ("75 equipos", "todos, unos 3000", "about 300 trackers"), told while the case
 * waits for a person: the number the customer could not give before. Undefined when the message says anything
 * else, or the count is the case's already.
 */
export function readBareCount(
  words: Vocabulary,
  text: string,
  entities: Entities | undefined,
  current: number,
): number | undefined {
  const count = entities?.affected?.count;
  if (count === undefined || count <= 1 || count === current) return undefined;
  const folded = messageWords(text);
  const covered = new Array<boolean>(folded.length).fill(false);
  for (const list of BARE_COUNT_WORDS)
    for (const match of words.find(list, folded)) covered.fill(true, match.start, match.end);
  const other = folded.filter((word, i) => !covered[i] && !/^\d[\d.,]*$/.test(word));
  // "No sé exacto, unos 80 medidores", "son más o menos 400 contadores": a few words beside the count ("exacto",
  // "más o menos", "around") — not a question, and no other number.
  const numbers = folded.filter((word) => /^\d[\d.,]*$/.test(word)).length;
  return other.length <= 4 && numbers <= 1 && !/[?¿]/.test(text) ? count : undefined;
}

/**
 * A count told while the case waits for a person, when the case has none yet ("perdón, se envió a medias: tenemos una
 * caída de todos los contadores de Trondheim, unos 800"): the first count the customer gives, in any sentence that
 * does not ask. Undefined when the case already counts more than one SIM (a change then needs an update word).
 */
export function readFirstCount(
  text: string,
  entities: Entities | undefined,
  current: number,
): number | undefined {
  const count = entities?.affected?.count;
  if (current > 1 || count === undefined || count <= 1 || /[?¿]/.test(text)) return undefined;
  return count;
}

/** The words a bare count may carry: what is counted, "all", "about", "please". */
const BARE_COUNT_WORDS = [
  'countedThings',
  'countFillers',
  'allOfThem',
  'politeness',
  'many',
  'dontKnow',
] as const;

/**
 * "Corrijo: son 45, no 25", "sorry, it's 45 trucks, not 25" in the middle of the checks: the customer takes back
 * the count their open incident holds — the case gets the new count (it drives the priority) and the customer is
 * told, then the dialog asks its question again (a side question). See {@link readCountUpdate}: "150, not 120" in
 * an order form, or a number the case never had, is left to the dialog.
 */
export class AffectedCorrection {
  constructor(private readonly options: AffectedCorrectionOptions) {}

  async answer(context: TurnContext, lang: Lang): Promise<boolean> {
    const text = context.activity.text ?? '';
    const current = this.options.cases.findActiveByConversation(context.activity.conversation.id);
    if (current?.type !== 'incident') return false;
    const count = readCountUpdate(
      this.options.vocabulary(),
      text,
      recognitionOf(context)?.entities,
      current.affectedCount,
    );
    if (count === undefined) return false;
    const updated = await this.options.cases.reprioritise(current.id, { affectedCount: count });
    await context.sendActivity(countNotice(this.options.text, lang, updated));
    return true;
  }
}

/** "Noted — 45 affected. I've updated CS-10012; its priority is now P2." */
export function countNotice(text: TextFn, lang: Lang, updated: Case): string {
  return text(lang, 'bot.affectedCorrected', {
    caseId: updated.id,
    count: updated.affectedCount,
    priority: updated.priority.level,
  });
}
