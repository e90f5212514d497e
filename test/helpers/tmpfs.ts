import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A small filesystem of its own, mounted for one test (a real disk that fills up). */
export interface Tmpfs {
  dir: string;
  /** Unmount and remove the mount point; safe to call more than once. */
  unmount(): Promise<void>;
}

/**
 * Mount a tmpfs of `size` (e.g. `"4m"`) on a fresh directory. Returns why not when mounting is
 * impossible here (not root, no mount(8)); in CI (`CI=true`, where tests run as root) that is an error.
 */
export async function mountTmpfs(size: string, options: string[] = []): Promise<Tmpfs | string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'firstline-tmpfs-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', [`size=${size}`, ...options].join(','), 'tmpfs', dir]);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    const reason = `cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}); run the tests as root`;
    if (process.env['CI'] === 'true') throw new Error(reason);
    return reason;
  }
  let mounted = true;
  return {
    dir,
    unmount: async () => {
      if (!mounted) return;
      mounted = false;
      // Lazy: a child process killed a moment ago may still hold a file open.
      await run('umount', ['-l', dir]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Remount the tmpfs mounted on `dir` read-only (or read-write again). */
export async function remount(dir: string, mode: 'ro' | 'rw'): Promise<void> {
  await run('mount', ['-o', `remount,${mode}`, dir]);
}

/**
 * A tmpfs of `size` mounted around the enclosing `describe` (before its tests, unmounted after); the suite is skipped,
 * saying why, where no tmpfs can be mounted (an error in CI). Call inside `describe`; `dir()` inside tests.
 */
export function useTmpfs(size: string): { dir: () => string } {
  let disk: Tmpfs | undefined;
  before(async function () {
    const mounted = await mountTmpfs(size);
    if (typeof mounted === 'string') {
      process.stderr.write(`      skipped: ${mounted}\n`);
      this.skip();
    } else disk = mounted;
  });
  after(async () => {
    await disk?.unmount();
  });
  return {
    dir: () => {
      if (!disk) throw new Error(`useTmpfs(${size}): used outside a test of its describe`);
      return disk.dir;
    },
  };
}
