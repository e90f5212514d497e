import './quietEnv.js';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRecognizer } from './recognizer.js';

/**
 * `npm run --silent classify`: one message per stdin line → one JSON object per stdout line. Nothing else
 * is written to stdout so the output can be piped; diagnostics go to stderr.
 */
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const recognizer = await createRecognizer({
    knowledgeDir: process.env.FIRSTLINE_KNOWLEDGE_DIR ?? path.join(root, 'knowledge'),
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (!text) continue;
    const r = recognizer.recognize(text);
    const out = {
      text: r.text,
      lang: r.lang,
      intent: r.intent,
      confidence: Math.round(r.confidence * 1000) / 1000,
      runnerUp: r.runnerUp
        ? { intent: r.runnerUp.intent, confidence: Math.round(r.runnerUp.confidence * 1000) / 1000 }
        : null,
      ...(r.smallTalk ? { smallTalk: r.smallTalk } : {}),
      entities: r.entities,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`classify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
