import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { flowFileSchema } from './schemas/flowSchema.js';
import { plansFileSchema } from './schemas/planSchema.js';
import { textsFileSchema } from './schemas/textsSchema.js';
import { cannedRepliesFileSchema, teamsFileSchema } from './schemas/deskSchema.js';

/** The JSON Schema files generated from the zod schemas, by file name under `knowledge/schema/`. */
export function generateJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType): string => `${JSON.stringify(z.toJSONSchema(schema), null, 2)}\n`;
  return {
    'flow.schema.json': render(flowFileSchema),
    'plans.schema.json': render(plansFileSchema),
    'texts.schema.json': render(textsFileSchema),
    'canned.schema.json': render(cannedRepliesFileSchema),
    'teams.schema.json': render(teamsFileSchema),
  };
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'knowledge/schema');
  for (const [name, content] of Object.entries(generateJsonSchemas())) {
    await writeFile(path.join(dir, name), content);
    process.stdout.write(`wrote ${path.join(dir, name)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
