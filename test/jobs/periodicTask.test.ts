import { expect } from 'chai';
import { PeriodicTask } from '../../bot/jobs/periodicTask.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolve once `check()` holds, or fail after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

describe('PeriodicTask', () => {
  it('runs on its interval, never two runs at once, and stops after the run in progress', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const task = new PeriodicTask(
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(15);
        active -= 1;
        return (runs += 1);
      },
      5,
      () => undefined,
    );
    const [a, b] = await Promise.all([task.now(), task.now()]);
    expect(a, 'a run asked for during another joins it').to.equal(b);
    await task.start(false);
    expect(task.started).to.equal(true);
    // A loaded machine fires the timer late: wait for the runs instead of a fixed time.
    await until(() => runs >= 3, 'the timer to run it again');
    await task.stop();
    const after = runs;
    expect(after, 'the timer ran it again').to.be.at.least(3);
    expect(maxActive).to.equal(1);
    expect(active, 'stop waited for the run in progress').to.equal(0);
    await sleep(30);
    expect(runs, 'nothing runs after stop').to.equal(after);
  });

  it('reports a failed run to onError and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const task = new PeriodicTask(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk full');
        return calls;
      },
      5,
      (err) => errors.push(err),
    );
    await task.start(false);
    await until(() => calls >= 2, 'a run after the failed one');
    await task.stop();
    expect((errors[0] as Error).message).to.equal('disk full');
    expect(calls).to.be.at.least(2);
  });
});
