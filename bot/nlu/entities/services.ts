import { PROBLEM_INTENTS, type ProblemIntent } from '../types.js';
import type { WordList } from '../words/wordLists.js';
import { clausesOf } from '../reportedWords.js';
import { messageWords, type Vocabulary, type WordMatch } from '../words/vocabulary.js';

/** The word list naming each service (`knowledge/nlu/words.<lang>.json`). */
const SERVICE_LISTS = {
  data: 'service.data',
  sms: 'service.sms',
  voice: 'service.voice',
  csd: 'service.csd',
} as const satisfies Record<ProblemIntent, WordList>;

/** Words between "rather than" and the service it sets aside ("rather than the internet"). */
const INSTEAD_REACH = 1;

/**
 * Reads the services a message names in words ("alarm texts" → SMS, "can't make calls" → voice, "data calls" →
 * CSD), from the word lists `service.<intent>`. A phrase inside a longer phrase of another service names nothing:
 * "data calls" is CSD, neither data nor voice.
 */
export class ServiceReader {
  constructor(private readonly vocabulary: Vocabulary) {}

  /**
   * The services named, in {@link PROBLEM_INTENTS} order, each once. Of two or more, one told as working is left
   * out when that leaves exactly one: "los SMS sí le llegan, la llamada no" names voice.
   */
  named(text: string): ProblemIntent[] {
    const all = this.servicesIn(messageWords(text));
    if (all.length < 2) return all;
    const working = this.toldWorking(text);
    const failing = all.filter((service) => !working.has(service));
    return failing.length === 1 ? failing : all;
  }

  private servicesIn(words: readonly string[]): ProblemIntent[] {
    // "…over a dial-up data link rather than the internet": what is used instead of names no service of theirs.
    const instead = this.vocabulary.find('insteadOf', words);
    const found: Array<WordMatch & { service: ProblemIntent }> = PROBLEM_INTENTS.flatMap((service) =>
      this.vocabulary
        .find(SERVICE_LISTS[service], words)
        .filter((match) => !instead.some((i) => i.end <= match.start && match.start - i.end <= INSTEAD_REACH))
        .map((match) => ({ ...match, service })),
    );
    const kept = found.filter(
      (m) =>
        !found.some(
          (o) =>
            o.service !== m.service &&
            o.start <= m.start &&
            o.end >= m.end &&
            o.end - o.start > m.end - m.start,
        ),
    );
    return PROBLEM_INTENTS.filter((service) => kept.some((m) => m.service === service));
  }

  /**
   * The services a part of the message says work ("texts arrive fine", "los SMS sí llegan", "datos y SMS bien"): a
   * part — a sentence, a clause, or its side of a `clauseBreak` word ("but", "y") — naming services, with a
   * `serviceWorks` phrase and no negation or symptom outside that phrase ("not working" and "no llegan" work not;
   * "no problem" does).
   */
  private toldWorking(text: string): Set<ProblemIntent> {
    const working = new Set<ProblemIntent>();
    // A whole clause too: "data and positions are coming through fine" is cut at its "and", but tells one service;
    // and a whole sentence of one service, whose commas set off an aside: "La conexión de datos, en cambio, funciona
    // correctamente" ("OCPP over data is fine, it's only the SMS commands" tells the SMS apart from what works).
    const sentences = text
      .split(/[.;!?¿¡]+/)
      .map((sentence) => messageWords(sentence))
      .filter((sentence) => this.servicesIn(sentence).length === 1);
    const clauses = clausesOf(text).flatMap((clause) => [clause, ...this.sidesOf(clause)]);
    for (const part of [...sentences, ...clauses]) {
      const services = this.servicesIn(part);
      if (services.length === 0) continue;
      const fine = this.vocabulary.find('serviceWorks', part);
      if (fine.length === 0) continue;
      const inside = (m: WordMatch): boolean => fine.some((f) => m.start >= f.start && m.end <= f.end);
      const against = (['negation', 'reportNegation', 'symptom'] as const).some((list) =>
        this.vocabulary.find(list, part).some((m) => !inside(m)),
      );
      if (!against) for (const service of services) working.add(service);
    }
    return working;
  }

  /** A clause cut at its `clauseBreak` words: "sms arrive but calls drop" → "sms arrive", "calls drop". */
  private sidesOf(clause: readonly string[]): string[][] {
    const sides: string[][] = [];
    let from = 0;
    for (const cut of this.vocabulary.find('clauseBreak', clause)) {
      if (cut.start < from) continue;
      sides.push(clause.slice(from, cut.start));
      from = cut.end;
    }
    sides.push(clause.slice(from));
    return sides.filter((side) => side.length > 0);
  }
}

/**
 * The one service a message names, if it names exactly one: the service a problem is about, whatever the
 * customer's device or trade suggests ("the lift phone can't send its alarm texts" is SMS). Two or more named
 * ("SMS arrive but calls don't") leave the choice to the classifier.
 */
export function namedService(services: readonly ProblemIntent[]): ProblemIntent | undefined {
  return services.length === 1 ? services[0] : undefined;
}
