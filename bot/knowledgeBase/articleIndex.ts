import type { Lang } from '../domain/language.js';
import { Featurizer, IDENTIFIER_TOKENS, type FeatureWords } from '../nlu/featurizer.js';
import { messageWords, PhraseMatcher } from '../nlu/words/vocabulary.js';
import type { ArticleFile } from './schemas/articleSchema.js';
import { renderTemplate } from './template.js';
import type { Plan } from './types.js';

/** The article a question matched, with how well (cosine similarity, 0–1). */
export interface ArticleMatch {
  article: ArticleFile;
  score: number;
}

/**
 * Below this similarity a question is not taken as asking an article's question (the keywords already
 * decide what it is about; this keeps a question that merely names them from being answered with it).
 */
export const ARTICLE_MIN_SCORE = 0.25;
/** Where one question of a message ends and another starts: "?", ", and", ", y", "; also". */
const QUESTION_BREAK = /[?¿]+|[,;]\s*(?:and|also|plus|y|además|ademas)\s+/i;
/** A part of a message shorter than this is no question of its own. */
const MIN_QUESTION_WORDS = 4;

interface Doc {
  article: ArticleFile;
  keywords: PhraseMatcher;
  weights: Map<string, number>;
  norm: number;
}

interface LanguageIndex {
  featurizer: Featurizer;
  idf: Map<string, number>;
  /** One document per example question. */
  questions: Doc[];
  /** One document per article: all its example questions together. */
  articles: Doc[];
}

function doc(article: ArticleFile, keywords: PhraseMatcher, weights: Map<string, number>): Doc {
  return { article, keywords, weights, norm: Math.hypot(...weights.values()) };
}

function cosine(a: Map<string, number>, aNorm: number, b: Doc): number {
  let dot = 0;
  for (const [stem, weight] of b.weights) dot += weight * (a.get(stem) ?? 0);
  return aNorm && b.norm ? dot / (aNorm * b.norm) : 0;
}

/**
 * Finds the how-to article a customer's question asks: among the articles whose keywords the question
 * contains, the one closest to it — half its closest example question, half all its examples together, so
 * one short example ("what's the APN?") cannot outweigh an article's many — by TF-IDF cosine over word stems,
 * in every language. Built once per knowledge version.
 */
export class ArticleIndex {
  private readonly byLang = new Map<Lang, LanguageIndex>();
  private readonly articles: ReadonlyMap<string, ArticleFile>;

  /**
   * @param features what each language's stems read from the word files (its stop words are left out).
   * @param languages the languages spoken.
   */
  constructor(
    articles: readonly ArticleFile[],
    features: (lang: Lang) => FeatureWords,
    languages: readonly Lang[],
  ) {
    this.articles = new Map(articles.map((a) => [a.id, a]));
    // An article's keywords in every language: "¿qué APN…" is about the APN whatever language it mixes.
    const keywords = new Map(
      articles.map((a) => [a.id, new PhraseMatcher(Object.values(a.keywords).flat())]),
    );
    const keywordsOf = (a: ArticleFile): PhraseMatcher => keywords.get(a.id) ?? new PhraseMatcher([]);
    for (const lang of languages) {
      const featurizer = new Featurizer(lang, features(lang));
      // An article's keywords are one more of its questions: "¿cómo miro la cobertura?" asks about the signal
      // even when no example question says "cobertura" — a keyword the examples lack would otherwise open the
      // gate below and then weigh nothing.
      const questions = articles.flatMap((article) =>
        [...(article.questions[lang] ?? []), (article.keywords[lang] ?? []).join(' ')]
          .map((q) => ({ article, stems: new Set(featurizer.stems(q)) }))
          .filter((q) => q.stems.size > 0),
      );
      const df = new Map<string, number>();
      for (const q of questions) for (const stem of q.stems) df.set(stem, (df.get(stem) ?? 0) + 1);
      const idf = new Map([...df].map(([stem, n]) => [stem, Math.log(1 + questions.length / n)]));
      const weigh = (stems: Iterable<string>): Map<string, number> =>
        new Map([...stems].map((stem) => [stem, idf.get(stem) ?? 0]));
      const centroids = articles.map((article) => {
        const tf = new Map<string, number>();
        for (const q of questions)
          if (q.article === article) for (const stem of q.stems) tf.set(stem, (tf.get(stem) ?? 0) + 1);
        return doc(
          article,
          keywordsOf(article),
          new Map([...tf].map(([s, n]) => [s, n * (idf.get(s) ?? 0)])),
        );
      });
      this.byLang.set(lang, {
        featurizer,
        idf,
        questions: questions.map((q) => doc(q.article, keywordsOf(q.article), weigh(q.stems))),
        articles: centroids,
      });
    }
  }

  /** The article by id. */
  get(id: string): ArticleFile | undefined {
    return this.articles.get(id);
  }

  /** Every article. */
  all(): ArticleFile[] {
    return [...this.articles.values()];
  }

  /** The article that tells how to fix one of these findings (its `fixes`), the first finding's first. */
  forFindings(codes: readonly string[]): ArticleFile | undefined {
    for (const code of codes)
      for (const article of this.articles.values())
        if (article.fixes?.some((c) => c === code)) return article;
    return undefined;
  }

  /**
   * The best-matching article and its score, or undefined when nothing reaches `minScore`. A long message is
   * also read a sentence or two at a time: "…he's emailed me asking what APN he should programme into them. I've
   * been through our contract folder. Could you tell me what to send him?" asks about the APN in one sentence,
   * and the rest only dilutes it. `except`: an article not to answer with (the one just answered).
   */
  match(text: string, minScore = ARTICLE_MIN_SCORE, except?: string): ArticleMatch | undefined {
    const whole = this.matchOne(text, minScore, except);
    if (whole) return whole;
    const sentences = text
      .split(/(?<=[.!?;])\s+|\n+/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (sentences.length < 2) return undefined;
    let best: ArticleMatch | undefined;
    // Each sentence, and each with the next one.
    const windows = sentences.flatMap((sentence, i) => {
      const next = sentences[i + 1];
      return next === undefined ? [sentence] : [sentence, `${sentence} ${next}`];
    });
    for (const window of windows) {
      const found = this.matchOne(window, minScore, except);
      if (found && (!best || found.score > best.score)) best = found;
    }
    return best;
  }

  /**
   * The other questions of a message that asks several ("what APN should the trackers use, and is anyone about
   * over the bank holiday?"): the article each question answers, beside `answered` (the best match of the
   * whole), in the order asked. Questions are split at question marks and at ", and" / ", y".
   */
  alsoAnswered(text: string, answered: string, minScore = ARTICLE_MIN_SCORE): ArticleFile[] {
    const found: ArticleFile[] = [];
    for (const question of text.split(QUESTION_BREAK)) {
      if (messageWords(question).length < MIN_QUESTION_WORDS) continue;
      // "Hi Marta! Hope you had a good weekend 🙂 Quick question, no rush at all: what's the AT command to set the APN
      // on our modems": when the question answers nothing more, its own sentence may — the greeting diluted it.
      const own = question.split(/(?<=[.!:])\s+/).at(-1) ?? question;
      let match = this.matchOne(question, minScore);
      if (
        (!match || match.article.id === answered) &&
        own !== question &&
        messageWords(own).length >= MIN_QUESTION_WORDS
      )
        match = this.matchOne(own, minScore) ?? match;
      if (match && match.article.id !== answered && !found.includes(match.article)) found.push(match.article);
    }
    return found;
  }

  private matchOne(text: string, minScore: number, except?: string): ArticleMatch | undefined {
    let best: ArticleMatch | undefined;
    const words = messageWords(text);
    for (const index of this.byLang.values()) {
      // A number or identifier no example question has ("+47 912 34 092", "ending 0043") names a SIM, not a topic: it
      // counts for nothing.
      const stems = new Set(
        index.featurizer
          .stems(text)
          .filter((stem) => index.idf.has(stem) || !(/^\d+$/.test(stem) || IDENTIFIER_TOKENS.has(stem))),
      );
      if (stems.size === 0 || index.questions.length === 0) continue;
      // A word no example question has still counts against the match — as much as the commonest known word:
      // "our trackers" in a question about the APN should not sink it, a different question should.
      const unseen = Math.min(...index.idf.values());
      const weights = new Map([...stems].map((stem) => [stem, index.idf.get(stem) ?? unseen]));
      const norm = Math.hypot(...weights.values());
      for (const centroid of index.articles) {
        // Without one of its keywords a question is about something else, however many words it shares.
        if (centroid.article.id === except || !centroid.keywords.has(words)) continue;
        const closest = Math.max(
          0,
          ...index.questions
            .filter((q) => q.article === centroid.article)
            .map((q) => cosine(weights, norm, q)),
        );
        const score = (closest + cosine(weights, norm, centroid)) / 2;
        if (!best || score > best.score) best = { article: centroid.article, score };
      }
    }
    return best && best.score >= minScore ? best : undefined;
  }
}

/**
 * The plans an APN answer names: the plan the question names ("which APN goes with the IoT Data Only plan?"), else
 * the plans the customer's SIMs are on (a private customer resetting their router is told their broadband plan's APN,
 * not every plan's), else every plan they may see (someone with no SIMs).
 */
export function apnPlansOf(
  plans: readonly Plan[],
  own: readonly Plan[],
  named: Plan | undefined,
): readonly Plan[] {
  return named ? [named] : own.length > 0 ? own : plans;
}

/**
 * An article's answer in `lang`, with the `{plans.…}` placeholders filled from the plan catalogue: `plans`, the plans
 * this customer may see; the APN placeholders from `apnPlans` ({@link apnPlansOf}).
 */
export function renderArticle(
  article: ArticleFile,
  lang: Lang,
  plans: readonly Plan[],
  apnPlans: readonly Plan[] = plans,
): string {
  const answer = article.answer[lang] ?? Object.values(article.answer)[0] ?? '';
  return renderTemplate(answer, {
    'plans.apns': apnPlans.map((plan) => `• ${plan.name}: \`${plan.apns[0] ?? ''}\``).join('\n'),
    'plans.apn': apnPlans[0]?.apns[0] ?? '',
    'plans.descriptions': plans
      .map((plan) => `• ${plan.name}: ${plan.description[lang] ?? Object.values(plan.description)[0] ?? ''}`)
      .join('\n'),
    'plans.names': plans.map((plan) => plan.name).join(', '),
    'plans.apnCommands': apnCommands(apnPlans),
    'plans.dataLimits': plans.map((plan) => `• ${plan.name}: ${dataAmount(plan.dataLimitMb)}`).join('\n'),
  });
}

/** A plan's monthly data as customers say it: "500 MB", "1 GB", "50 GB" ("—" for a plan without a limit). */
export function dataAmount(mb: number | null): string {
  if (mb === null) return '—';
  return mb >= 1000 ? `${Math.round((mb / 1000) * 10) / 10} GB` : `${mb} MB`;
}

/**
 * The command that sets each plan's APN, one line per APN (the plans that share it named before it), as code:
 * pasteable as it is (straight quotes, one command per line).
 */
function apnCommands(plans: readonly Plan[]): string {
  const byApn = new Map<string, string[]>();
  for (const plan of plans) {
    const apn = plan.apns[0];
    if (apn) byApn.set(apn, [...(byApn.get(apn) ?? []), plan.name]);
  }
  return [...byApn].map(([apn, names]) => `• ${names.join(', ')}: \`AT+CGDCONT=1,"IP","${apn}"\``).join('\n');
}
