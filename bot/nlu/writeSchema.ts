import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TrainingDataSchema } from './trainingData.js';

/** Writes `knowledge/schema/nlu.schema.json` from the zod schema so editors get validation in their editor. */
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const target = path.join(root, 'knowledge', 'schema', 'nlu.schema.json');
  const schema = z.toJSONSchema(TrainingDataSchema, { io: 'input', unrepresentable: 'any' });
  await writeFile(
    target,
    `${JSON.stringify({ title: 'Firstline NLU training data', ...schema }, null, 2)}\n`,
  );
  process.stdout.write(`wrote ${path.relative(root, target)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`writeSchema: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
