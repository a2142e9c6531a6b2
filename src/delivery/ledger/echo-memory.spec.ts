import { describe, expect, it } from 'vitest';
import { echoHash } from '../domain/echo-projection';
import { targetKey } from '../domain/target-key';
import { binding, deliveryTestConfig } from '../testing/delivery-config.fixture';
import type { LedgerEntry } from './delivery-ledger.repository';
import { EchoMemory } from './echo-memory';

const active = deliveryTestConfig();
const B = binding(active, 'B');
const written = (firstName: string) => ({ email: 'ada@example.com', firstName, status: 'active' });
const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s));

function entry(e: Partial<LedgerEntry>): Map<string, LedgerEntry> {
  const full: LedgerEntry = {
    sent: null, acked: null, sentAt: null, ackedAt: null, open: false, recent: [], remoteVersion: null, remoteVersionAt: null, remoteExternalId: null, ...e,
  };
  return new Map([[targetKey('B', 'g-1'), full]]);
}

describe('EchoMemory (what the hub wrote, as one batch read it from the ledger)', () => {
  it('takes the last write sent or acknowledged, or one of the recent ones, for an echo; anything else is a change', () => {
    const memory = new EchoMemory(entry({
      sent: echoHash(B, written('Ada')), acked: echoHash(B, written('Ada')), ackedAt: at(10), sentAt: at(9),
      recent: [echoHash(B, written('Adah')), echoHash(B, written('Ada'))],
    }));
    expect(memory.isEcho(B, 'g-1', written('Ada'), at(20).toISOString())).toBe(true);
    // an older write's echo arriving late is still an echo
    expect(memory.isEcho(B, 'g-1', written('Adah'), at(20).toISOString())).toBe(true);
    expect(memory.isEcho(B, 'g-1', written('Augusta'), at(5).toISOString())).toBe(false);
    expect(memory.isEcho(B, 'g-2', written('Ada'), at(20).toISOString())).toBe(false);
  });

  it('forgets the writes only for a change made after the last write was acknowledged, with nothing in flight', () => {
    const acked = { sent: echoHash(B, written('Ada')), acked: echoHash(B, written('Ada')), sentAt: at(9), ackedAt: at(10) };
    const before = new EchoMemory(entry(acked));
    before.isEcho(B, 'g-1', written('Augusta'), at(5).toISOString());
    expect(before.forgotten()).toEqual([]);

    const after = new EchoMemory(entry(acked));
    after.isEcho(B, 'g-1', written('Augusta'), at(11).toISOString());
    expect(after.forgotten()).toEqual([{ system: 'B', goldenId: 'g-1' }]);

    // a newer write claimed after the acknowledgement is still on its way: nothing is forgotten
    const inFlight = new EchoMemory(entry({ ...acked, sent: echoHash(B, written('Adah')), sentAt: at(12) }));
    inFlight.isEcho(B, 'g-1', written('Augusta'), at(13).toISOString());
    expect(inFlight.forgotten()).toEqual([]);
  });

  it('asks for a rewrite only when the system echoes the acknowledged last write, nothing is open and golden moved on', () => {
    const ada = echoHash(B, written('Ada'));
    const base = { sent: ada, acked: ada, sentAt: at(9), ackedAt: at(10) };
    expect(new EchoMemory(entry(base)).needsRewrite(B, 'g-1', written('Ada'), written('Augusta'))).toBe(true);
    expect(new EchoMemory(entry(base)).needsRewrite(B, 'g-1', written('Ada'), written('Ada'))).toBe(false);
    expect(new EchoMemory(entry({ ...base, open: true })).needsRewrite(B, 'g-1', written('Ada'), written('Augusta'))).toBe(false);
    expect(new EchoMemory(entry({ ...base, sent: echoHash(B, written('Adah')) })).needsRewrite(B, 'g-1', written('Ada'), written('Augusta'))).toBe(false);
  });

  it('hands the system version the ledger holds to the versions seen', () => {
    const memory = new EchoMemory(entry({ remoteVersion: 'v7', remoteVersionAt: at(3), remoteExternalId: 'b-1' }));
    expect(memory.remoteVersion('B', 'g-1')).toEqual({ version: 'v7', at: at(3).toISOString(), externalId: 'b-1' });
    expect(memory.remoteVersion('A', 'g-1')).toBeUndefined();
  });
});
