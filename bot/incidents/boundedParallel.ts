/**
 * Run `work` on every item with at most `limit` running at once, in the items' order, and wait for all.
 * A broadcast to thousands of conversations must neither send one by one nor open thousands of requests.
 * `work` should not throw (a throw rejects the whole run after the running items finish).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
