import type { z } from 'zod';
import type { KbError } from './kbError.js';
import { toJsonPath } from './jsonPath.js';

/**
 * Turn zod issues into knowledge errors. For a failed union, zod reports every branch; the branch with
 * the fewest issues is almost always the one the editor meant, so only its issues are reported.
 */
export function zodIssuesToErrors(
  file: string,
  issues: ReadonlyArray<z.core.$ZodIssue>,
  prefix: PropertyKey[] = [],
): KbError[] {
  const errors: KbError[] = [];
  for (const issue of issues) {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length > 0) {
        errors.push(...zodIssuesToErrors(file, best, at));
        continue;
      }
    }
    const keys = issue.code === 'unrecognized_keys' ? `: ${issue.keys.map((k) => `"${k}"`).join(', ')}` : '';
    errors.push({
      file,
      path: toJsonPath(at),
      message: issue.code === 'unrecognized_keys' ? `unknown property${keys}` : issue.message,
    });
  }
  return errors;
}
