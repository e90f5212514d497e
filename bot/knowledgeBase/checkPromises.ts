import { mayPromisePerson } from '../handoff/triggers.js';
import { Vocabulary } from '../nlu/words/vocabulary.js';
import type { KbError } from './kbError.js';
import type { ParsedKnowledge } from './readKnowledge.js';

/**
 * Texts that promise the customer a person ("an agent will check…", word list `personPromise`) must be said
 * only where a person takes over: the handoff path's texts and the texts of `handoff` flow nodes. Anywhere
 * else the bot would promise what it does not do.
 */
export function checkPersonPromises(knowledge: ParsedKnowledge): KbError[] {
  const words = new Vocabulary(knowledge.words.map((w) => w.data));
  if (words.phrases('personPromise').length === 0) return [];
  const handoffTexts = new Set<string>();
  const otherNodeTexts = new Set<string>();
  for (const { data } of knowledge.flows.values())
    for (const node of Object.values(data.nodes)) {
      if (!('text' in node) || typeof node.text !== 'string') continue;
      (node.kind === 'handoff' ? handoffTexts : otherNodeTexts).add(node.text);
    }
  // A flow text is said by the node that uses it: checked when a node other than a handoff uses it.
  const said = (key: string): boolean => !key.startsWith('flows.') || otherNodeTexts.has(key);
  const errors: KbError[] = [];
  for (const { file, data } of knowledge.texts) {
    for (const [key, text] of Object.entries(data.texts)) {
      if (!said(key) || mayPromisePerson(key, handoffTexts) || !words.has('personPromise', text)) continue;
      const phrase = words.find('personPromise', text)[0]?.phrase ?? '';
      errors.push({
        file,
        path: `$.texts["${key}"]`,
        message: `promises a person ("${phrase}") but is not said when a person takes over`,
        suggestion:
          'say what the bot does instead; a person is promised only by handoff texts (bot.handoff.*, flow nodes of kind "handoff")',
      });
    }
  }
  return errors;
}
