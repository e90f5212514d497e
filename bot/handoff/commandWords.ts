import type { Vocabulary } from '../nlu/words/vocabulary.js';
import { commandWords, type AgentCommandName } from '../nlu/words/deskWords.js';

/** Lower-case, without accents and surrounding punctuation: how words are compared. */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** The command a word names exactly, in any language (the knowledge's one-word command forms). */
export function commandNamed(words: Vocabulary, word: string): AgentCommandName | undefined {
  const folded = foldWord(word);
  for (const [name, forms] of commandWords(words)) if (forms.includes(folded)) return name;
  return undefined;
}

/**
 * The command word `word` is a likely typo of ("qeue" → "queue", "resovle" → "resolve"), or undefined: one edit
 * (an adjacent swap counts as one) for words of four to six letters, two for longer ones. Ordinary words near
 * a command word (`agentCommand.ordinary`: "hola" / "cola") never are; `agentCommand.exactOnly` words are
 * never suggested.
 */
export function likelyTypoOf(words: Vocabulary, word: string): string | undefined {
  const folded = foldWord(word);
  if (folded.length < 4 || words.whole('agentCommand.ordinary', folded) || commandNamed(words, folded))
    return undefined;
  const allowed = folded.length >= 7 ? 2 : 1;
  let best: { word: string; distance: number } | undefined;
  for (const forms of commandWords(words).values()) {
    // "resolved", "picking", "notes": a command word with an ending is an ordinary word, not a typo.
    if (forms.some((w) => folded.startsWith(w))) return undefined;
    for (const candidate of forms) {
      if (words.whole('agentCommand.exactOnly', candidate)) continue;
      const distance = editDistance(folded, candidate);
      if (distance <= allowed && (!best || distance < best.distance)) best = { word: candidate, distance };
    }
  }
  return best?.word;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost one. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
    }
  }
  return (d[rows - 1] as number[])[cols - 1] as number;
}
