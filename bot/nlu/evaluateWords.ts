import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { langSchema, type Lang } from '../domain/language.js';
import type { KnowledgeBase } from '../knowledgeBase/knowledgeBase.js';
import { scoreLabels, type LabelReport } from './metrics.js';
import { readMessageAct } from './messageAct.js';
import { parseJsonFile } from './trainingData.js';
import { isProblemIntent, type Recognizer } from './types.js';

/** What a first message asks for, as the dialogs act on it (message act, else its intent). */
export const ACT_LABELS = [
  'problem',
  'howto',
  'fleet_question',
  'order',
  'service_request',
  'information_request',
  'close_case',
  'back_to_bot',
  'switch_language',
  'case_status',
  'agent',
  'other',
] as const;
export type ActLabel = (typeof ACT_LABELS)[number];

/** What a typed answer to one of the bot's questions means, read with the word lists. */
export const ANSWER_LABELS = ['yes', 'no', 'dont_know', 'many', 'none'] as const;
export type AnswerLabel = (typeof ANSWER_LABELS)[number];

const actsSchema = z.strictObject({
  language: langSchema,
  description: z.string().optional(),
  messages: z
    .array(
      z.strictObject({ text: z.string().min(1), act: z.enum(ACT_LABELS), article: z.string().optional() }),
    )
    .min(1),
});
const answersSchema = z.strictObject({
  language: langSchema,
  description: z.string().optional(),
  messages: z.array(z.strictObject({ text: z.string().min(1), answer: z.enum(ANSWER_LABELS) })).min(1),
});

/** The word lists and articles of one language, scored on messages never used to write them. */
export interface WordsEvaluation {
  lang: Lang;
  acts: LabelReport<ActLabel>;
  /** Of the how-to questions recognised as such, how many got the right article. */
  articles: ArticleScore;
  /** A second act set written after the lists were tuned on the first and never tuned on (`blind.<lang>.json`). */
  blind?: { acts: LabelReport<ActLabel>; articles: ArticleScore };
  answers: LabelReport<AnswerLabel>;
}

/** How many how-to questions got the right article. */
export interface ArticleScore {
  total: number;
  correct: number;
  errors: Array<{ text: string; expected: string; got: string }>;
}

/** The act the bot acts on for a first message: what {@link readMessageAct} reads, else the intent's. */
export function actOf(
  recognizer: Recognizer,
  kb: KnowledgeBase,
  text: string,
): { label: ActLabel; article?: string } {
  const recognition = recognizer.recognize(text);
  const act = readMessageAct(recognition, kb);
  switch (act.kind) {
    case 'howto':
      return { label: 'howto', article: act.article.id };
    // A question about one plan is answered from plans.json, not from an article.
    case 'plan_question':
      return { label: 'howto', article: `plan:${act.question.plan}` };
    case 'plan_choice':
      return { label: 'howto', article: 'plan:choice' };
    case 'request':
      return { label: act.type };
    case 'ask_team':
      return { label: 'information_request' };
    case 'nothing':
    case 'scene':
      return { label: 'other' };
    case 'case_asked':
      return { label: 'case_status' };
    case 'person':
      return { label: 'agent' };
    case 'route':
      if (isProblemIntent(recognition.intent)) return { label: 'problem' };
      if (recognition.intent === 'case_status' || recognition.intent === 'agent')
        return { label: recognition.intent };
      return { label: 'other' };
    default:
      return { label: act.kind };
  }
}

/** What a typed answer means: "I don't know" before "many" before yes/no (as the SIM question reads it). */
export function answerOf(kb: KnowledgeBase, text: string): AnswerLabel {
  const words = kb.vocabulary;
  if (words.dontKnow(text)) return 'dont_know';
  if (words.has('many', text)) return 'many';
  const yes = words.yesNo(text);
  return yes === undefined ? 'none' : yes ? 'yes' : 'no';
}

/** Score one act file: the acts, and the article each how-to question gets. */
async function scoreActs(
  file: string,
  recognizer: Recognizer,
  kb: KnowledgeBase,
): Promise<{ acts: LabelReport<ActLabel>; articles: ArticleScore }> {
  const acts = parseJsonFile(file, await readFile(file, 'utf8'), actsSchema);
  const articles: ArticleScore = { total: 0, correct: 0, errors: [] };
  const results = acts.messages.map((m) => {
    const got = actOf(recognizer, kb, m.text);
    if (m.article && got.label === 'howto') {
      articles.total += 1;
      if (got.article === m.article) articles.correct += 1;
      else articles.errors.push({ text: m.text, expected: m.article, got: got.article ?? '—' });
    }
    return { text: m.text, expected: m.act, predicted: got.label, confidence: 1 };
  });
  return { acts: scoreLabels(results, ACT_LABELS), articles };
}

/** Score the message acts (and the article each how-to question gets) and the typed answers of every language. */
export async function evaluateWords(options: {
  recognizer: Recognizer;
  kb: KnowledgeBase;
  actsDir: string;
  answersDir: string;
}): Promise<WordsEvaluation[]> {
  const out: WordsEvaluation[] = [];
  for (const lang of options.kb.spoken.list) {
    // A language without labelled messages yet has nothing to be measured on.
    if (!existsSync(path.join(options.actsDir, `${lang}.json`))) continue;
    const { acts, articles } = await scoreActs(
      path.join(options.actsDir, `${lang}.json`),
      options.recognizer,
      options.kb,
    );
    const blindFile = path.join(options.actsDir, `blind.${lang}.json`);
    const blind = existsSync(blindFile)
      ? await scoreActs(blindFile, options.recognizer, options.kb)
      : undefined;
    const answersFile = path.join(options.answersDir, `${lang}.json`);
    const answers = parseJsonFile(answersFile, await readFile(answersFile, 'utf8'), answersSchema);
    const answerResults = answers.messages.map((m) => ({
      text: m.text,
      expected: m.answer,
      predicted: answerOf(options.kb, m.text),
      confidence: 1,
    }));
    out.push({
      lang,
      acts,
      articles,
      ...(blind ? { blind } : {}),
      answers: scoreLabels(answerResults, ANSWER_LABELS),
    });
  }
  return out;
}
