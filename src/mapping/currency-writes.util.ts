import { readPath, writePath } from './record-path.util';

interface PendingWrite {
  record: Record<string, unknown>;
  path: string;
  currency: string | null;
}

/**
 * Outbound currency codes, held until the top-level field that produced them has converted, so a field that
 * fails writes no stray code. Several money values may share one currency field (an order's total and the
 * unit price of each line, through `^.currency`): they must agree, because the system can store one code.
 * A null (the amount is empty) never overrides a code, and a code overrides a null.
 */
export class CurrencyWrites {
  private readonly pending: PendingWrite[] = [];

  /** Holds `currency` for `path` in `record`; returns the code already there or held when it is another one. */
  claim(record: Record<string, unknown>, path: string, currency: string | null): string | undefined {
    const held = this.pending.find((write) => write.record === record && write.path === path);
    const current = held ? held.currency : readPath(record, path);
    if (currency === null) {
      if (current === undefined) this.pending.push({ record, path, currency });
      return undefined;
    }
    if (typeof current === 'string' && current !== '' && current !== currency) return current;
    if (held) held.currency = currency;
    else this.pending.push({ record, path, currency });
    return undefined;
  }

  commit(): void {
    for (const write of this.pending) writePath(write.record, write.path, write.currency);
    this.pending.length = 0;
  }
}
