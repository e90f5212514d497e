import type { Lang } from '../domain/language.js';
import { LANGUAGES } from '../domain/language.js';
import { JsonPlanCatalogue } from './planCatalogue.js';
import type { ParsedKnowledge } from './readKnowledge.js';
import type { FlowFile } from './schemas/flowSchema.js';
import type { CannedReply, DeskTeam } from './schemas/deskSchema.js';
import { renderTemplate } from './template.js';

/** Values a text's `{placeholders}` are filled from. */
export type TextVars = Readonly<Record<string, string | number | boolean | null>>;

/** One immutable, validated version of the whole knowledge base. */
export class KnowledgeBase {
  /** Content hash of the files it was loaded from. */
  readonly version: string;
  readonly plans: JsonPlanCatalogue;
  private readonly texts: ReadonlyMap<Lang, ReadonlyMap<string, string>>;
  private readonly flows: ReadonlyMap<string, FlowFile>;
  /** Canned replies agents insert in the console (`canned/replies.json`). */
  readonly cannedReplies: readonly CannedReply[];
  /** Teams a case can be transferred to (`desk/teams.json`). */
  readonly teams: readonly DeskTeam[];

  /** Build from knowledge that passed {@link checkKnowledge}; does not re-check it. */
  constructor(knowledge: ParsedKnowledge) {
    if (!knowledge.plans) throw new Error('KnowledgeBase: plans.json is missing');
    this.version = knowledge.version;
    this.plans = new JsonPlanCatalogue(knowledge.plans.data.plans, knowledge.plans.data.zones);
    const texts = new Map<Lang, Map<string, string>>(LANGUAGES.map((lang) => [lang, new Map()]));
    for (const file of knowledge.texts) {
      for (const [key, text] of Object.entries(file.data.texts)) texts.get(file.lang)?.set(key, text);
    }
    this.texts = texts;
    this.flows = new Map([...knowledge.flows].map(([id, located]) => [id, located.data]));
    this.cannedReplies = knowledge.canned?.data.replies ?? [];
    this.teams = knowledge.teams?.data.teams ?? [];
  }

  /** The text `key` in `lang` with placeholders filled; throws for a key no knowledge file defines. */
  text(lang: Lang, key: string, vars?: TextVars): string {
    const text = this.texts.get(lang)?.get(key);
    if (text === undefined) throw new Error(`KnowledgeBase ${this.version}: no ${lang} text "${key}"`);
    return renderTemplate(text, vars);
  }

  /** True when `key` is defined (kb:check guarantees then that every language has it). */
  hasText(key: string): boolean {
    return LANGUAGES.every((lang) => this.texts.get(lang)?.has(key) ?? false);
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
