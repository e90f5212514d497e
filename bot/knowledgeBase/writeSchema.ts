import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateJsonSchemas } from './jsonSchemas.js';

export { generateJsonSchemas } from './jsonSchemas.js';

/** `npm run kb:schema`: write every generated JSON Schema into `knowledge/schema/`. */
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
