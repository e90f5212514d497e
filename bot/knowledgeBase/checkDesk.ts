import { toJsonPath } from './jsonPath.js';
import type { KbError } from './kbError.js';
import type { ParsedKnowledge } from './readKnowledge.js';
import { CANNED_PLACEHOLDERS } from './schemas/deskSchema.js';
import { placeholders } from './template.js';

const KNOWN: ReadonlySet<string> = new Set(CANNED_PLACEHOLDERS);

/**
 * Checks of the agent desk's knowledge beyond its schema: canned reply and team ids are unique, a canned reply
 * uses only the placeholders the console fills, and the same ones in every language.
 */
export function checkDesk(kb: ParsedKnowledge): KbError[] {
  const errors: KbError[] = [];
  if (kb.canned) {
    const { file, data } = kb.canned;
    const seen = new Set<string>();
    data.replies.forEach((reply, i) => {
      if (seen.has(reply.id))
        errors.push({ file, path: toJsonPath(['replies', i, 'id']), message: `duplicate id "${reply.id}"` });
      seen.add(reply.id);
      const reference = placeholders(Object.values(reply.text)[0] ?? '')
        .sort()
        .join(',');
      for (const [lang, text] of Object.entries(reply.text)) {
        const used = placeholders(text);
        for (const name of used.filter((p) => !KNOWN.has(p)))
          errors.push({
            file,
            path: toJsonPath(['replies', i, 'text', lang]),
            message: `placeholder {${name}} is not one the console fills (${CANNED_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
          });
        if (used.sort().join(',') !== reference)
          errors.push({
            file,
            path: toJsonPath(['replies', i, 'text', lang]),
            message: `placeholders differ between languages for canned reply "${reply.id}"`,
          });
      }
    });
  }
  if (kb.teams) {
    const { file, data } = kb.teams;
    const seen = new Set<string>();
    data.teams.forEach((team, i) => {
      if (seen.has(team.id))
        errors.push({ file, path: toJsonPath(['teams', i, 'id']), message: `duplicate id "${team.id}"` });
      seen.add(team.id);
    });
  }
  return errors;
}
