// Typed answers to yes/no questions, on text already folded (lower case, no accents).

/** "I don't know" / "no sé": not a no. */
export const DONT_KNOW = /^(i )?(do ?n'?t|dont) know\b|^not sure\b|^no (lo )?se\b|^ni idea\b|^unknown\b/;

/** "yes it works now" / "no funciona" / "si, ya va": the first word decides; "no sé" is not a no. */
export function leadingYesNo(folded: string): boolean | undefined {
  if (DONT_KNOW.test(folded)) return undefined;
  if (
    /^(yes|yeah|yep|yup|sure|correct|si|claro|vale|ok|okay|it works|works now|ya funciona|funciona)\b/.test(
      folded,
    )
  )
    return true;
  if (/^(no|nope|not yet|still not|still no|sigue sin|todavia no|nada)\b/.test(folded)) return false;
  return undefined;
}
