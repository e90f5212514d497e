/** `{name}` or `{plan.apn}`; anything else in braces (JSON, AT syntax) is left alone. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\}/g;

/** Placeholder names used in a text, in order of appearance, without duplicates. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** Fill placeholders from `vars`; unknown or null ones stay as written so a gap is visible, not silent. */
export function renderTemplate(
  text: string,
  vars: Readonly<Record<string, string | number | boolean | null>> = {},
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    return value === undefined || value === null ? whole : String(value);
  });
}
