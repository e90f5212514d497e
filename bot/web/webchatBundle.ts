import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Finds Web Chat's browser bundle (`dist/webchat.js`) in node_modules. The package's `exports` map hides the
 * file from `require.resolve`, so resolve the package entry and walk up to the package root.
 * @throws Error naming the package when the bundle cannot be found (fail at startup, not on first page view).
 */
export function resolveWebChatBundle(): string {
  const entry = createRequire(import.meta.url).resolve('botframework-webchat');
  let dir = path.dirname(entry);
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && isWebChatManifest(manifest)) {
      const bundle = path.join(dir, 'dist', 'webchat.js');
      if (!existsSync(bundle)) throw new Error(`botframework-webchat: ${bundle} is missing`);
      return bundle;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`botframework-webchat: no package root above ${entry}`);
}

function isWebChatManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'botframework-webchat';
  } catch {
    return false;
  }
}
