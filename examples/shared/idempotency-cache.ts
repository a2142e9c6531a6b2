import { createHash } from 'node:crypto';

export interface CachedResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type IdempotencyLookup =
  | { kind: 'miss' }
  | { kind: 'replay'; response: CachedResponse }
  /** the key was used for a different request: refuse rather than guess */
  | { kind: 'mismatch' };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Remembers the response to each Idempotency-Key for 24 hours, as payment and CRM APIs do: a retry with
 * the same key gets the first answer back and the write is not applied again.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, { fingerprint: string; response: CachedResponse; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = DAY_MS,
  ) {}

  static fingerprint(method: string, path: string, body: string): string {
    return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
  }

  lookup(key: string, fingerprint: string): IdempotencyLookup {
    this.prune();
    const hit = this.entries.get(key);
    if (!hit) return { kind: 'miss' };
    return hit.fingerprint === fingerprint ? { kind: 'replay', response: structuredClone(hit.response) } : { kind: 'mismatch' };
  }

  remember(key: string, fingerprint: string, response: CachedResponse): void {
    this.entries.set(key, { fingerprint, response: structuredClone(response), expiresAt: this.now() + this.ttlMs });
  }

  get size(): number {
    this.prune();
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
