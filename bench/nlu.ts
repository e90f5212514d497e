import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Recognizer } from '../bot/nlu/types.js';

/**
 * Classification throughput including entity extraction: runs `recognizer.recognize` over `messages`
 * round-robin for about `seconds` seconds on the current (single) thread.
 */
export async function benchNlu(
  recognizer: Recognizer,
  messages: string[],
  seconds: number,
): Promise<{ messagesPerSecond: number }> {
  if (messages.length === 0) throw new Error('benchNlu: no messages');
  // Warm up so JIT compilation and stem memoisation do not count against the first messages.
  for (let i = 0; i < Math.min(2000, messages.length * 5); i++)
    recognizer.recognize(messages[i % messages.length] ?? '');
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let count = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < 200; i++) recognizer.recognize(messages[(count + i) % messages.length] ?? '');
    count += 200;
    // Yield so a benchmark harness running several benches stays responsive.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { messagesPerSecond: Math.round(count / ((performance.now() - started) / 1000)) };
}

async function selfRun(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { createRecognizer } = await import('../bot/nlu/recognizer.js');
  const { loadHeldOut } = await import('../bot/nlu/trainingData.js');
  const recognizer = await createRecognizer({ knowledgeDir: path.join(root, 'knowledge') });
  const messages = (
    await Promise.all(
      ['en', 'es'].map((l) => loadHeldOut(path.join(root, 'test', 'nlu', 'heldout', `${l}.json`))),
    )
  ).flatMap((h) => h.messages.map((m) => m.text));
  const { messagesPerSecond } = await benchNlu(recognizer, messages, Number(process.argv[2] ?? 3));
  process.stdout.write(
    `nlu: ${messagesPerSecond} messages/s (recognize incl. entities, ${messages.length} distinct messages)\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  selfRun().catch((error: unknown) => {
    process.stderr.write(`bench/nlu: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
