import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateJsonSchemas } from './jsonSchemas.js';
import { readKnowledgeFiles } from './readKnowledge.js';

export { generateJsonSchemas } from './jsonSchemas.js';

/** `npm run kb:schema [dir]`: write every generated JSON Schema and names.md into `<knowledge>/schema/`. */
async function main(): Promise<void> {
  const knowledge = path.resolve(process.argv[2] ?? process.env['KNOWLEDGE_DIR'] ?? 'knowledge');
  const { files } = await readKnowledgeFiles(knowledge);
  for (const [name, content] of Object.entries(generateJsonSchemas(files))) {
    const file = path.join(knowledge, 'schema', name);
    await writeFile(file, content);
    process.stdout.write(`wrote ${file}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
