import type { Lang, SpokenLanguages } from '../domain/language.js';
import { LanguageIdentifier, languageSourcesOf } from '../nlu/language.js';
import { CountryIndex } from '../nlu/entities/countries.js';
import { entityWordsOf, type EntityWords } from '../nlu/entities/entityWords.js';
import { intentTrainingOf, type IntentTraining } from '../nlu/intentModels.js';
import { SmallTalkMatcher } from '../nlu/smallTalk.js';
import type { TrainingData } from '../nlu/trainingData.js';
import { Vocabulary } from '../nlu/words/vocabulary.js';
import { featureWordsOf } from '../nlu/words/wordSets.js';
import { ArticleIndex } from './articleIndex.js';
import { JsonPlanCatalogue } from './planCatalogue.js';
import type { ParsedKnowledge } from './readKnowledge.js';
import type { FlowFile } from './schemas/flowSchema.js';
import type { RequestsFile } from './schemas/requestsSchema.js';
import { OrderDetails } from '../nlu/orderForm.js';
import type { CannedReply, DeskTeam } from './schemas/deskSchema.js';
import { renderTemplate } from './template.js';

/** Values a text's `{placeholders}` are filled from. */
export type TextVars = Readonly<Record<string, string | number | boolean | null>>;

/** One immutable, validated version of the whole knowledge base. */
export class KnowledgeBase {
  /** Content hash of the files it was loaded from. */
  readonly version: string;
  /** The languages spoken and the default one (`languages.json`). */
  readonly spoken: SpokenLanguages;
  readonly plans: JsonPlanCatalogue;
  /** The word lists of every language (`nlu/words.<lang>.json`). */
  readonly vocabulary: Vocabulary;
  /** Greetings, yes/no, help, cancel… read from the vocabulary. */
  readonly smallTalk: SmallTalkMatcher;
  /** Which language a customer message is written in (word lists' `identify`, examples). */
  readonly languages: LanguageIdentifier;
  /** Country names and demonyms of every language, by ISO code (word lists' `countries`). */
  readonly countries: CountryIndex;
  /** What entity extraction reads from the knowledge: countries, counts and their words, APN prose. */
  readonly entityWords: EntityWords;
  /** How-to answers (`articles/`). */
  readonly articles: ArticleIndex;
  /** What orders and requests collect (`requests.json`). */
  readonly requests: RequestsFile;
  /** An order's details told in prose, read with `requests.json` and the plans' names. */
  readonly orderDetails: OrderDetails;
  private readonly texts: ReadonlyMap<Lang, ReadonlyMap<string, string>>;
  private readonly flows: ReadonlyMap<string, FlowFile>;
  /** Canned replies agents insert in the console (`canned/replies.json`). */
  readonly cannedReplies: readonly CannedReply[];
  /** Teams a case can be transferred to (`desk/teams.json`). */
  readonly teams: readonly DeskTeam[];
  /** Intent training examples per language (`nlu/<lang>.json`): the classifier of this version learns them. */
  readonly training: readonly TrainingData[];
  /** What the intent classifiers of this version are trained from: the examples and each language's feature words. */
  readonly intentTraining: readonly IntentTraining[];

  /** Build from knowledge that passed {@link checkKnowledge}; does not re-check it. */
  constructor(knowledge: ParsedKnowledge) {
    if (!knowledge.plans) throw new Error('KnowledgeBase: plans.json is missing');
    if (!knowledge.requests) throw new Error('KnowledgeBase: requests.json is missing');
    this.version = knowledge.version;
    this.spoken = knowledge.languages;
    this.vocabulary = new Vocabulary(knowledge.words.map((w) => w.data));
    this.smallTalk = new SmallTalkMatcher(this.vocabulary);
    this.countries = new CountryIndex(knowledge.words.map((w) => w.data));
    const wordFiles = knowledge.words.map((w) => w.data);
    this.entityWords = entityWordsOf(this.vocabulary, this.countries, wordFiles, knowledge.plans.data.plans);
    const features = featureWordsOf(wordFiles);
    this.articles = new ArticleIndex(
      knowledge.articles.map((a) => a.data),
      features,
      this.spoken.list,
    );
    this.requests = knowledge.requests.data;
    this.plans = new JsonPlanCatalogue(knowledge.plans.data.plans, knowledge.plans.data.zones);
    this.orderDetails = new OrderDetails({
      requests: this.requests,
      plans: this.plans,
      items: this.vocabulary.phrases('orderItem'),
      courtesy: [...this.vocabulary.phrases('politeness'), ...this.vocabulary.phrases('thanks')],
    });
    const texts = new Map<Lang, Map<string, string>>(this.spoken.list.map((lang) => [lang, new Map()]));
    for (const file of knowledge.texts) {
      for (const [key, text] of Object.entries(file.data.texts)) texts.get(file.lang)?.set(key, text);
    }
    for (const inline of knowledge.inlineTexts) texts.get(inline.lang)?.set(inline.key, inline.text);
    this.texts = texts;
    this.flows = new Map([...knowledge.flows].map(([id, located]) => [id, located.data]));
    this.cannedReplies = knowledge.canned?.data.replies ?? [];
    this.teams = knowledge.teams?.data.teams ?? [];
    this.training = knowledge.training.map((t) => t.data);
    this.intentTraining = intentTrainingOf(this.training, features);
    this.languages = new LanguageIdentifier(
      languageSourcesOf(this.spoken.list, {
        words: knowledge.words.map((w) => w.data),
        training: this.training,
      }),
      this.plans.list().map((p) => p.name),
    );
  }

  /**
   * The text `key` in `lang` with placeholders filled; throws for a key no knowledge file defines. A language
   * no longer spoken (a case stored before it was removed) reads the default language.
   */
  text(lang: Lang, key: string, vars?: TextVars): string {
    const text = this.texts.get(this.spoken.resolve(lang))?.get(key);
    if (text === undefined) throw new Error(`KnowledgeBase ${this.version}: no ${lang} text "${key}"`);
    return renderTemplate(text, vars);
  }

  /** Every text key defined in `lang`. */
  textKeys(lang: Lang): string[] {
    return [...(this.texts.get(lang)?.keys() ?? [])];
  }

  /** True when `key` is defined (kb:check guarantees then that every language has it). */
  hasText(key: string): boolean {
    return this.spoken.list.every((lang) => this.texts.get(lang)?.has(key) ?? false);
  }

  /** The flow with this id (an intent id such as `data`, or a sub-flow id), if defined. */
  flow(id: string): FlowFile | undefined {
    return this.flows.get(id);
  }

  /** Ids of every flow. */
  flowIds(): string[] {
    return [...this.flows.keys()];
  }
}
