import { messageWords, type Vocabulary } from './words/vocabulary.js';

/** Counted things whose singular ends in "s" ("gps", "pos", "bus"): never read as plural. */
const SINGULAR_IN_S: ReadonlySet<string> = new Set(['gps', 'pos', 'bus', 'sms', 'obd', 'telematics']);

/**
 * The message tells of one device: every `countedThings` word it names is singular ("el camión que hace Noruega–Suecia
 * … el equipo no transmite", "the trailer near Hamburg"). A place named with it is where that device is — which SIM it
 * is must be asked, the SIMs seen there are not the fleet to check ("our trackers in Germany" names several).
 */
export function tellsOneDevice(text: string, words: Vocabulary): boolean {
  const things = words.find('countedThings', messageWords(text));
  return (
    things.length > 0 &&
    things.every((m) => {
      const last = m.phrase.split(' ').at(-1) ?? '';
      return SINGULAR_IN_S.has(last) || !last.endsWith('s');
    })
  );
}
