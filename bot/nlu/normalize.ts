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
