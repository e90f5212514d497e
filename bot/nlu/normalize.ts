/**
 * Lower-case and strip diacritics so that "conexión", "Conexion" and "CONEXIÓN" compare equal —
 * customers often type Spanish without accents. `ñ` becomes `n` too; no intent depends on the difference.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Folded text reduced to words separated by single spaces (punctuation removed). */
export function foldWords(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();
}

/**
 * Where each word of `messageWords(text)` ends in `text` (UTF-16 offsets), so a stretch of words found in the folded
 * words can be cut from the text as typed ("Déjalo, it's…" keeps its accents and apostrophes).
 */
export function wordEnds(text: string): number[] {
  const ends: number[] = [];
  let inWord = false;
  let onlyPlus = true;
  let offset = 0;
  for (const ch of text) {
    const folded = foldText(ch).charAt(0);
    const wordChar = /[a-z0-9+]/.test(folded);
    if (wordChar) {
      if (!inWord) onlyPlus = true;
      inWord = true;
      if (folded !== '+') onlyPlus = false;
    } else if (inWord) {
      if (!onlyPlus) ends.push(offset);
      inWord = false;
    }
    offset += ch.length;
  }
  if (inWord && !onlyPlus) ends.push(offset);
  return ends;
}
