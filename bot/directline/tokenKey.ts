import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { MIN_TOKEN_KEY_BYTES } from './tokenService.js';

/** Where local mode keeps its generated token key (no `.json`: data-file checks leave it alone). */
export const LOCAL_TOKEN_KEY_FILE = path.join('secrets', 'directline-token-key');

/**
 * The key that signs Direct Line tokens: `DIRECT_LINE_TOKEN_KEY` when configured, otherwise (local mode only)
 * a random key generated once and kept in DATA_DIR, so a restart keeps every widget's token valid.
 * @throws Error naming the key file when it exists but is unreadable or too short.
 */
export async function directLineTokenKey(configured: string | undefined, dataDir: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, LOCAL_TOKEN_KEY_FILE);
  const existing = await readKey(file);
  if (existing) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(48).toString('base64url');
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${key}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return Buffer.from(key, 'utf8');
}

async function readKey(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Direct Line token key ${file} cannot be read: ${(err as Error).message}`);
  }
  const key = Buffer.from(text.trim(), 'utf8');
  if (key.length < MIN_TOKEN_KEY_BYTES)
    throw new Error(
      `Direct Line token key ${file} has ${key.length} bytes (at least ${MIN_TOKEN_KEY_BYTES}); delete it to have a new one generated`,
    );
  return key;
}
