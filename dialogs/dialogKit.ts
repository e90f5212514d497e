import {
  ActionTypes,
  MessageFactory,
  type Activity,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Lang } from '../bot/domain/language.js';
import type { KnowledgeBase, TextVars } from '../bot/knowledgeBase/knowledgeBase.js';
import type { Vocabulary } from '../bot/nlu/words/vocabulary.js';
import type { Plan } from '../bot/knowledgeBase/types.js';
import { apnPlansOf, renderArticle } from '../bot/knowledgeBase/articleIndex.js';
import { planNamed } from '../bot/knowledgeBase/planNames.js';
import type { ArticleFile } from '../bot/knowledgeBase/schemas/articleSchema.js';
import { identityOf, recognitionOf } from '../bot/turn/turnKeys.js';
import { defaultProfile, type ConversationProfile } from '../bot/turn/conversationProfile.js';

/** Where dialogs get the knowledge base: the current version, or the one a flow started on. */
/**
 * A question the customer may ask in the middle of any dialog ("is there an outage?"): `answer`
 * replies and returns true when the message was that question, false to leave it to the dialog.
 */
export interface SideQuestion {
  answer(context: TurnContext, lang: Lang): Promise<boolean>;
}

export interface KnowledgeSource {
  current(): KnowledgeBase;
  get(version: string): KnowledgeBase | undefined;
}

/**
 * What every Firstline dialog needs to talk: texts from the knowledge base in the customer's
 * language, the conversation profile, a logger. Built once in bot/index.ts.
 */
export class DialogKit {
  constructor(
    readonly knowledge: KnowledgeSource,
    readonly profile: StatePropertyAccessor<ConversationProfile>,
    readonly logger: Logger,
    /** Questions any dialog answers in passing before re-asking its own (see InterruptibleDialog). */
    readonly sideQuestions: readonly SideQuestion[] = [],
    /** Plan names an organisation's SIMs are on (its private plans may be shown to it); none by default. */
    private readonly ownPlans: (organisationId: string) => ReadonlySet<string> = () => new Set(),
  ) {}

  /**
   * The plans this customer may be shown (articles, order forms): public ones and their organisation's own —
   * never another organisation's private plan or APN.
   */
  plansFor(context: TurnContext): readonly Plan[] {
    const identity = identityOf(context);
    const own = identity.kind === 'customer' ? this.ownPlans(identity.organisation.id) : new Set<string>();
    return this.knowledge.current().plans.visibleTo(own);
  }

  /**
   * The plans this customer's SIMs are on (known to the catalogue, in its order): an APN answer names these when
   * there are any ("¿qué APN usan nuestros contadores?" gets the meters' APN, not the catalogue).
   */
  ownPlansFor(context: TurnContext): readonly Plan[] {
    const identity = identityOf(context);
    if (identity.kind !== 'customer') return [];
    const own = new Set(
      [...this.ownPlans(identity.organisation.id)].map((name) => name.trim().toLowerCase()),
    );
    return this.plansFor(context).filter((plan) => own.has(plan.name.toLowerCase()));
  }

  /**
   * An article's answer for this customer, in `lang` ({@link renderArticle}): the plans they may see, and the APNs of
   * the plan the message names, else of their own plans ({@link apnPlansOf}).
   */
  articleText(context: TurnContext, article: ArticleFile, lang: Lang): string {
    const plans = this.plansFor(context);
    const text = recognitionOf(context)?.text;
    const named = text ? planNamed(this.vocabulary(), plans, text, { aliasBesideNoun: true }) : undefined;
    return renderArticle(article, lang, plans, apnPlansOf(plans, this.ownPlansFor(context), named));
  }

  /** Answer the message when it is one of the side questions; true when one answered it. */
  async answerSideQuestion(context: TurnContext): Promise<boolean> {
    if (this.sideQuestions.length === 0) return false;
    const lang = await this.langOf(context);
    for (const question of this.sideQuestions) if (await question.answer(context, lang)) return true;
    return false;
  }

  /** The word lists of the current knowledge base (yes/no, "back to the bot", order words…). */
  vocabulary(): Vocabulary {
    return this.knowledge.current().vocabulary;
  }

  async profileOf(context: TurnContext): Promise<ConversationProfile> {
    // A new conversation starts in the knowledge's default language (languages.json).
    return this.profile.get(context, defaultProfile(this.knowledge.current().spoken.fallback));
  }

  async langOf(context: TurnContext): Promise<Lang> {
    return (await this.profileOf(context)).lang;
  }

  /** A knowledge text in the conversation's language. */
  async text(context: TurnContext, key: string, vars?: TextVars): Promise<string> {
    return this.knowledge.current().text(await this.langOf(context), key, vars);
  }

  /** Send a knowledge text, optionally with suggested-action buttons (label = value sent back). */
  async say(context: TurnContext, key: string, vars?: TextVars, choiceKeys?: string[]): Promise<void> {
    const lang = await this.langOf(context);
    const kb = this.knowledge.current();
    const text = kb.text(lang, key, vars);
    const labels = choiceKeys?.map((k) => kb.text(lang, k));
    await context.sendActivity(labels?.length ? withButtons(text, labels) : markdown(text));
  }

  /** Send a text already in the conversation's language (a finding, a flow message, an article). */
  async sayText(context: TurnContext, text: string, labels?: string[]): Promise<void> {
    await context.sendActivity(labels?.length ? withButtons(text, labels) : markdown(text));
  }
}

/**
 * A text message rendered as Markdown, in Teams and Web Chat alike: commands, APNs and ICCIDs are written as
 * code (`…` or a ``` block), which both show in monospace with straight quotes and their line breaks.
 */
export function markdown(text: string): Partial<Activity> {
  return { ...MessageFactory.text(text), textFormat: 'markdown' };
}

/** A message with suggested actions that send their label back (works in Teams and Web Chat). */
export function withButtons(text: string, labels: string[]): Partial<Activity> {
  const message = markdown(text);
  message.suggestedActions = {
    to: [],
    actions: labels.map((label) => ({ type: ActionTypes.ImBack, title: label, value: label })),
  };
  return message;
}

/** Plain text of the incoming message, with a card's submitted value read as text when present. */
export function incomingText(context: TurnContext): string {
  return cardChoice(context) ?? (context.activity.text ?? '').trim();
}

/** The choice a card submitted, if the activity is one. */
function cardChoice(context: TurnContext): string | undefined {
  const value = context.activity.value as Record<string, unknown> | undefined;
  return value && typeof value['choice'] === 'string' ? value['choice'] : undefined;
}

/**
 * Replace the whole component dialog a waterfall step runs in with `dialogId`, on its parent's stack. A dialog
 * registered on MainDialog ("route", "troubleshoot") begun on the component's own stack would run there, where
 * a re-prompt after a side question cannot find it (ComponentDialog builds a parentless inner context).
 */
export function replaceThisDialog(
  step: WaterfallStepContext,
  dialogId: string,
  options?: object,
): Promise<DialogTurnResult> {
  if (!step.parent) throw new Error(`replaceThisDialog: ${dialogId} asked for by a dialog with no parent`);
  return step.parent.replaceDialog(dialogId, options);
}

/**
 * The message as the recognizer read it: terms a phone's speech-to-text misspelt written back ("I O T connect E U" →
 * "IoT connect EU") and dictated digits written as digits — what a form reads its answers from. A card's choice as
 * {@link incomingText}.
 */
export function recognizedText(context: TurnContext): string {
  return cardChoice(context) ?? recognitionOf(context)?.text.trim() ?? incomingText(context);
}

/** True when `text` matches one of the label keys in any language (case- and accent-insensitive). */
export function matchesLabel(kb: KnowledgeBase, text: string, key: string): boolean {
  const given = fold(text);
  return kb.spoken.list.some((lang) => fold(kb.text(lang, key)) === given);
}

/** Lower-case, accent-free, trimmed: how typed answers are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[.!¡?¿]+$/g, '')
    .trim();
}
