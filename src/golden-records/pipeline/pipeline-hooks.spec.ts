import { describe, expect, it } from 'vitest';
import type { DeliveryLedgerPort } from './delivery-ledger.port';
import { PipelineHooks } from './pipeline-hooks';

describe('PipelineHooks: the delivery ledger port', () => {
  const port: DeliveryLedgerPort = { loadBatch: async () => { throw new Error('not called'); } };

  it('refuses to run a batch without a ledger: echoes could not be told from changes', () => {
    expect(() => new PipelineHooks().ledger).toThrow(/no delivery ledger/);
  });

  it('takes one ledger, not two', () => {
    const hooks = new PipelineHooks();
    hooks.provideLedger(port);
    expect(hooks.ledger).toBe(port);
    expect(() => hooks.provideLedger(port)).toThrow(/already registered/);
  });
});
