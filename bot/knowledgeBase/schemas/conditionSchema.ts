import { z } from 'zod';
import { factNameSchema } from './names.js';

/** A literal a condition compares a fact with. */
export type Literal = string | number | boolean;

/** Comparison operators; `exists`/`missing` take no value, `in`/`notIn` take a list. */
export type CompareOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
export type ListOp = 'in' | 'notIn';
export type PresenceOp = 'exists' | 'missing';

/** A condition on facts, as data. Three-valued: a fact it needs that is unknown makes it `unknown`. */
export type Condition =
  | { fact: string; op: PresenceOp }
  | { fact: string; op: ListOp; value: Literal[] }
  | { fact: string; op: CompareOp; value: Literal | { fact: string } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const literalSchema = z.union([z.string(), z.number(), z.boolean()]);

const presenceSchema = z.strictObject({ fact: factNameSchema, op: z.enum(['exists', 'missing']) });
const listSchema = z.strictObject({
  fact: factNameSchema,
  op: z.enum(['in', 'notIn']),
  value: z.array(literalSchema).min(1),
});
const compareSchema = z.strictObject({
  fact: factNameSchema,
  op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']),
  value: z.union([literalSchema, z.strictObject({ fact: factNameSchema })]),
});

/** Zod schema for {@link Condition}. */
export const conditionSchema: z.ZodType<Condition> = z
  .lazy(() =>
    z.union([
      presenceSchema,
      listSchema,
      compareSchema,
      z.strictObject({ all: z.array(conditionSchema).min(1) }),
      z.strictObject({ any: z.array(conditionSchema).min(1) }),
      z.strictObject({ not: conditionSchema }),
    ]),
  )
  .meta({
    id: 'Condition',
    description: 'A condition on facts: {fact, op, value} or {all: [...]}, {any: [...]}, {not: {...}}.',
  });
