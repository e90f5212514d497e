/**
 * The agent desk's command words in every language, in one table: the parser reads commands from it and the
 * typo check compares an agent's first word against it.
 */
export const COMMAND_WORDS = {
  queue: ['queue', 'cola'],
  mine: ['mine', 'cases', 'casos'],
  pick: ['pick', 'take', 'coger', 'tomar'],
  switch: ['switch', 'cambiar'],
  note: ['note', 'nota'],
  transfer: ['transfer', 'transferir'],
  release: ['release', 'liberar', 'soltar'],
  handback: ['handback', 'devolver'],
  resolve: ['resolve', 'resolver', 'resuelto'],
  available: ['available', 'disponible'],
  away: ['away', 'ausente'],
  decline: ['decline', 'rechazar'],
  help: ['help', 'ayuda'],
} as const satisfies Record<string, readonly string[]>;

export type CommandName = keyof typeof COMMAND_WORDS;

/**
 * Words close to a command word that are ordinary words an agent says to a customer on their own ("hola" is one
 * letter from "cola"): never taken for a mistyped command.
 */
const ORDINARY_WORDS = new Set([
  'hola',
  'hello',
  'hallo',
  'vale',
  'okay',
  'sure',
  'done',
  'nice',
  'cool',
  'good',
  'bien',
  'claro',
]);

/** Command words short or common enough that a one-letter difference is usually another word ("take" / "make"). */
const NO_TYPO_CHECK = new Set(['take', 'mine', 'cases', 'casos']);

/** Lower-case, without accents and surrounding punctuation: how words are compared. */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** The command a word names exactly, in any language. */
export function commandNamed(word: string): CommandName | undefined {
  const folded = foldWord(word);
  for (const [name, words] of Object.entries(COMMAND_WORDS) as Array<[CommandName, readonly string[]]>) {
    if (words.includes(folded)) return name;
  }
  return undefined;
}

/**
 * The command word `word` is a likely typo of ("qeue" → "queue", "resovle" → "resolve"), or undefined: one edit
 * (an adjacent swap counts as one) for words of four to six letters, two for longer ones.
 */
export function likelyTypoOf(word: string): string | undefined {
  const folded = foldWord(word);
  if (folded.length < 4 || ORDINARY_WORDS.has(folded) || commandNamed(folded)) return undefined;
  const allowed = folded.length >= 7 ? 2 : 1;
  let best: { word: string; distance: number } | undefined;
  for (const words of Object.values(COMMAND_WORDS)) {
    // "resolved", "picking", "notes": a command word with an ending is an ordinary word, not a typo.
    if (words.some((w) => folded.startsWith(w))) return undefined;
    for (const candidate of words) {
      if (NO_TYPO_CHECK.has(candidate)) continue;
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
