import type { EntityManager } from 'typeorm';
import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { SystemEntityBinding } from '../../config/active-config';
import { clearEchoHashes, type EchoHashes, loadEchoHashes } from '../../delivery/delivery-ledger.repository';
import { echoHash } from '../../delivery/domain/echo-projection';
import { targetKey } from '../../delivery/target-state.repository';

/**
 * Loop prevention (DESIGN step 4): a system reporting exactly what the hub last wrote there is an echo of
 * the hub's own delivery and stops here. Once the system reports a real change of its own, the remembered
 * write is forgotten, so a later edit back to that same state still counts as the user's change.
 */
export class EchoGuard {
  private written = new Map<string, EchoHashes>();
  private readonly forget = new Map<string, { system: string; goldenId: string }>();

  async load(m: EntityManager, keys: { system: string; goldenId: string }[]): Promise<void> {
    this.written = await loadEchoHashes(m, keys);
  }

  isEcho(binding: SystemEntityBinding, goldenId: string, record: CanonicalRecord): boolean {
    const key = targetKey(binding.systemKey, goldenId);
    const written = this.written.get(key);
    if (!written || (!written.sent && !written.acked)) return false;
    const h = echoHash(binding, record);
    if (h === written.sent || h === written.acked) return true;
    this.forget.set(key, { system: binding.systemKey, goldenId });
    return false;
  }

  async flush(m: EntityManager): Promise<void> {
    await clearEchoHashes(m, [...this.forget.values()]);
  }
}
