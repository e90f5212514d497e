import type { z } from 'zod';
import { closest, didYouMean } from './errors/suggest.js';
import { keysAt } from './errors/schemaKeys.js';
import type { KbError } from './kbError.js';
import { toJsonPath } from './jsonPath.js';

type Issue = z.core.$ZodIssue;

/** Flatten unions: for a failed union, zod reports every branch; the branch with the fewest issues is almost always the one meant. */
function flatten(issues: ReadonlyArray<Issue>, prefix: PropertyKey[] = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Fewest issues first; on a tie the branch that got further into the value (a property of an inline text
      // rather than "expected a string").
      const depth = (branch: readonly Issue[]): number => Math.max(0, ...branch.map((i) => i.path.length));
      const best = [...issue.errors].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0] ?? [];
      if (best.length > 0) {
        out.push(...flatten(best, path));
        continue;
      }
    }
    out.push({ ...issue, path } as Issue);
  }
  return out;
}

const isMissing = (issue: Issue): boolean =>
  issue.code === 'invalid_type' && /received undefined/.test(issue.message);

/**
 * Turn zod issues into knowledge errors that say what to do: an unknown property names the property it probably
 * is ("did you mean `next`?") and then does not also report that property as missing; a wrong value among fixed
 * ones names the closest. `schema` and `data` let unknown properties be compared with the allowed ones.
 */
export function zodIssuesToErrors(
  file: string,
  issues: ReadonlyArray<Issue>,
  schema?: z.ZodType,
  data?: unknown,
): KbError[] {
  const flat = flatten(issues);
  const errors: KbError[] = [];
  const explained = new Set<string>();
  for (const issue of flat) {
    if (issue.code !== 'unrecognized_keys') continue;
    const at = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
    const missing = flat
      .filter((other) => isMissing(other) && toJsonPath(other.path.slice(0, -1)) === toJsonPath(at))
      .map((other) => String(other.path[other.path.length - 1]));
    const allowed = schema ? (keysAt(schema, data, at) ?? []) : [];
    for (const key of issue.keys) {
      const meant = closest(key, missing) ?? closest(key, allowed);
      if (meant && missing.includes(meant)) explained.add(toJsonPath([...at, meant]));
      errors.push({
        file,
        path: toJsonPath([...at, key]),
        message: `unknown property "${key}"`,
        ...(meant
          ? { suggestion: `did you mean "${meant}"?` }
          : allowed.length
            ? { suggestion: `allowed here: ${allowed.filter((k) => k !== '$schema').join(', ')}` }
            : {}),
      });
    }
  }
  for (const issue of flat) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = toJsonPath(issue.path);
    if (explained.has(path)) continue;
    errors.push({ file, path, ...describe(issue, data) });
  }
  return errors;
}

/** The message of one issue in plain words, with the closest allowed value when there is a list. */
function describe(issue: Issue, data: unknown): { message: string; suggestion?: string } {
  const given = valueAt(data, issue.path);
  const options =
    issue.code === 'invalid_value'
      ? issue.values.map(String)
      : issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)
        ? (issue.options as unknown[]).map(String)
        : undefined;
  if (options && typeof given === 'string' && options.includes('sim.active')) {
    const suggestion = didYouMean(given, options) ?? 'facts are listed in knowledge/schema/names.md';
    return { message: `unknown fact "${given}"`, suggestion };
  }
  if (options && typeof given === 'string' && options.includes('data_unresolved')) {
    const suggestion =
      didYouMean(given, options) ?? 'handoff reasons are listed in knowledge/schema/names.md';
    return { message: `unknown handoff reason "${given}"`, suggestion };
  }
  if (options) {
    const suggestion = typeof given === 'string' ? didYouMean(given, options) : undefined;
    const list = options.length > 12 ? `${options.slice(0, 12).join(', ')}, …` : options.join(', ');
    return {
      message: `${given === undefined ? 'missing' : JSON.stringify(given)} is not allowed here (one of: ${list})`,
      ...(suggestion ? { suggestion } : {}),
    };
  }
  if (isMissing(issue)) {
    const name = issue.path[issue.path.length - 1];
    return { message: `required property "${String(name)}" is missing` };
  }
  return { message: issue.message.replace(/^Invalid input: /, '') };
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
