import type { Lang } from '../domain/language.js';
import type { KnowledgeBase } from '../knowledgeBase/knowledgeBase.js';
import type { LanguageIdentifier } from '../nlu/language.js';

/** Literal characters a text must have to tell its language apart (short labels like "SIM" do not). */
const MIN_LITERAL = 14;
/** Word evidence a customer's message needs to be in one language ("0043 sin datos" has it, "ok" does not). */
const MIN_WRITTEN = 2;
/** Evidence for another language a message in one may still have: a stray word ("comandos AT", "vía GPRS"). */
const STRAY_WORDS = 1;
/** How far ahead one language's evidence must be to outweigh more than a stray word of another (a name, a quote). */
const FAR_AHEAD = 4;

interface Template {
  lang: Lang;
  pattern: RegExp;
}

/**
 * Tells which language a bot reply is in: the knowledge texts (and articles) it was rendered from first — a
 * reply that starts like a Spanish text is Spanish — then, for replies no text matches, the word evidence.
 * Used by the conversation tests and `npm run conversations:eval` to check that every reply of a turn is in
 * the customer's language.
 */
export class ReplyLanguage {
  private readonly templates: Template[] = [];
  private readonly languages: LanguageIdentifier;
  private readonly spoken: readonly Lang[];

  constructor(kb: KnowledgeBase) {
    this.languages = kb.languages;
    this.spoken = kb.spoken.list;
    const add = (lang: Lang, text: string): void => {
      const literal = text.replace(/\{[^}]*\}/g, '');
      if (literal.replace(/\s+/g, '').length < MIN_LITERAL) return;
      const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const source = escaped.replace(/\\\{[A-Za-z][A-Za-z0-9_.]*\\\}/g, '[\\s\\S]*?');
      this.templates.push({ lang, pattern: new RegExp(`^${source}`) });
    };
    for (const lang of this.spoken) {
      for (const key of kb.textKeys(lang)) add(lang, kb.text(lang, key));
      for (const article of kb.articles.all()) add(lang, article.answer[lang] ?? '');
    }
  }

  /** The languages the reply could be in: those of the texts it starts like, else the word evidence's. */
  of(reply: string): Lang[] {
    const text = reply.trim();
    if (!text) return [...this.spoken];
    const matched = [...new Set(this.templates.filter((t) => t.pattern.test(text)).map((t) => t.lang))];
    if (matched.length > 0) return matched;
    const prose = proseOf(text);
    // One language clearly ahead of every other (by 2) is the reply's; otherwise it could be any.
    const ranked = Object.entries(this.languages.evidence(prose)).sort((a, b) => b[1] - a[1]);
    const [best, second] = ranked;
    if (best && best[1] - (second?.[1] ?? 0) >= 2) return [best[0]];
    return [...this.spoken];
  }

  /**
   * The one language a customer's message is written in: clear word evidence for it and at most a stray word of any
   * other ("…¿y cómo lo cambio en el módem con comandos AT?"; code, identifiers and numbers aside), or a long message
   * far ahead ("Hi, I'm Lucía's partner, I'll continue in English: …" — a name is no Spanish). Undefined for a
   * mixed message ("la 0035 no conecta, can you check it") or one too short to tell ("ok", an ICCID).
   */
  writtenIn(text: string): Lang | undefined {
    const prose = proseOf(text);
    const [best, second] = Object.entries(this.languages.evidence(prose)).sort((a, b) => b[1] - a[1]);
    const other = second?.[1] ?? 0;
    return best && best[1] >= MIN_WRITTEN && (other <= STRAY_WORDS || best[1] >= FAR_AHEAD * other)
      ? best[0]
      : undefined;
  }

  /** The replies that are not (or not only possibly) in `lang`. */
  notIn(lang: Lang, replies: readonly string[]): string[] {
    return replies.filter((reply) => !this.of(reply).includes(lang));
  }
}

/** The text without what says nothing about its language: code, case ids, identifiers and numbers. */
function proseOf(text: string): string {
  return text.replace(/```[\s\S]*?```|`[^`]*`|\bCS-\d+\b|[+\d][\d\s,.:+-]*/g, ' ');
}
