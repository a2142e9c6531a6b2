import type { EntityManager } from 'typeorm';
import type { AuditService } from '../admin/audit/audit.service';
import { webhookSecretRotations } from './webhook-secrets';

/**
 * One audit row per system whose webhook secrets changed with a new configuration version
 * (`system.webhook-secrets.rotate`), with fingerprints of the secrets before and after, in the version's transaction.
 */
export async function auditSecretRotations(audit: AuditService, manager: EntityManager, actor: string, before: unknown, after: unknown, version: number): Promise<void> {
  for (const rotation of webhookSecretRotations(before, after)) {
    await audit.record({
      actor, action: 'system.webhook-secrets.rotate', target: `system:${rotation.system}`,
      before: { secrets: rotation.before }, after: { secrets: rotation.after, configVersion: version },
    }, manager);
  }
}
