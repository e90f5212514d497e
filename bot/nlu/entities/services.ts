import { PROBLEM_INTENTS, type ProblemIntent } from '../types.js';
import type { WordList } from '../words/wordLists.js';
import { messageWords, type Vocabulary, type WordMatch } from '../words/vocabulary.js';

/** The word list naming each service (`knowledge/nlu/words.<lang>.json`). */
const SERVICE_LISTS = {
  data: 'service.data',
  sms: 'service.sms',
  voice: 'service.voice',
  csd: 'service.csd',
} as const satisfies Record<ProblemIntent, WordList>;

/**
 * Reads the services a message names in words ("alarm texts" → SMS, "can't make calls" → voice, "data calls" →
 * CSD), from the word lists `service.<intent>`. A phrase inside a longer phrase of another service names nothing:
 * "data calls" is CSD, neither data nor voice.
 */
export class ServiceReader {
  constructor(private readonly vocabulary: Vocabulary) {}

  /** The services named, in {@link PROBLEM_INTENTS} order, each once. */
  named(text: string): ProblemIntent[] {
    const words = messageWords(text);
    const found: Array<WordMatch & { service: ProblemIntent }> = PROBLEM_INTENTS.flatMap((service) =>
      this.vocabulary.find(SERVICE_LISTS[service], words).map((match) => ({ ...match, service })),
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
}

/**
 * The one service a message names, if it names exactly one: the service a problem is about, whatever the
 * customer's device or trade suggests ("the lift phone can't send its alarm texts" is SMS). Two or more named
 * ("SMS arrive but calls don't") leave the choice to the classifier.
 */
export function namedService(services: readonly ProblemIntent[]): ProblemIntent | undefined {
  return services.length === 1 ? services[0] : undefined;
}
