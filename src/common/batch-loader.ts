/**
 * Collects the keys asked for while one GraphQL level resolves, then loads them with one call, and caches the
 * results for the rest of the request. A list of 50 golden records asking for `versions` costs one query, not 50.
 * Scheduling on setImmediate (not a microtask) lets every sibling field resolver, each behind a few awaits of
 * Nest's wrappers, enqueue its key before the batch runs.
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V>>();
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
  ) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => void this.flush());
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      const found = await this.loadMany(batch.map((b) => b.key));
      for (const b of batch) b.resolve(found.has(b.key) ? found.get(b.key)! : this.missing);
    } catch (error) {
      // A failed load must not be cached: a later ask in the same request may succeed.
      for (const b of batch) {
        this.cache.delete(b.key);
        b.reject(error);
      }
    }
  }
}
