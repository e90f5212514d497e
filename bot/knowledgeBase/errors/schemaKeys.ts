import type { z } from 'zod';
import type { PathSegments } from './jsonSource.js';

/** The part of a zod schema's internal definition this walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strip wrappers (optional, default, lazy…) down to the schema that says what the value is. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i += 1) {
    const def = defOf(current);
    const next =
      def.type === 'lazy' && def.getter
        ? def.getter()
        : def.type === 'pipe'
          ? def.in
          : ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(
                def.type,
              )
            ? def.innerType
            : undefined;
    if (!next) return current;
    current = next;
  }
  return current;
}

/** The literal values a schema accepts (`z.literal`, `z.enum`), if it is one of those. */
function literals(schema: z.ZodType): unknown[] | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === 'literal') return def.values;
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  return undefined;
}

/** The union member the data is most likely meant as: by discriminator, else by shared property names. */
function pickOption(def: Def, data: unknown): z.ZodType | undefined {
  const options = def.options ?? [];
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (def.discriminator) {
    const value = record[def.discriminator];
    return options.find((option) => {
      const shape = defOf(unwrap(option)).shape;
      const accepted = shape?.[def.discriminator ?? ''];
      return accepted !== undefined && (literals(accepted) ?? []).includes(value);
    });
  }
  let best: { option: z.ZodType; score: number } | undefined;
  for (const option of options) {
    const shape = defOf(unwrap(option)).shape;
    if (!shape) continue;
    const score = Object.keys(record).filter((key) => key in shape).length;
    if (!best || score > best.score) best = { option, score };
  }
  return best?.option;
}

/** The schema of the value at `path` (following the data through unions), or undefined. */
function schemaAt(schema: z.ZodType, data: unknown, path: PathSegments): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  let value = data;
  for (let depth = 0; current;) {
    const plain = unwrap(current);
    const def = defOf(plain);
    if (def.type === 'union') {
      current = pickOption(def, value);
      continue;
    }
    if (depth === path.length) return plain;
    const segment = path[depth] as string | number;
    depth += 1;
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string | number, unknown>)[segment]
        : undefined;
    if (def.type === 'object') current = def.shape?.[String(segment)];
    else if (def.type === 'record') current = def.valueType;
    else if (def.type === 'array') current = def.element;
    else return undefined;
  }
  return undefined;
}

/** Property names the object at `path` may have, per the schema; undefined when it is not an object there. */
export function keysAt(schema: z.ZodType, data: unknown, path: PathSegments): string[] | undefined {
  const at = schemaAt(schema, data, path);
  const def = at ? defOf(at) : undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : undefined;
}

/** The values the schema accepts at `path` when they are a fixed list (an enum or literal), else undefined. */
export function valuesAt(schema: z.ZodType, data: unknown, path: PathSegments): string[] | undefined {
  const at = schemaAt(schema, data, path);
  return at ? literals(at)?.map(String) : undefined;
}
