import { createHash } from 'node:crypto';
import type { SystemConfig } from './hub-config.schema';

/** Every secret a system's webhooks may be signed with: webhookSecrets, and webhookSecret (kept for compatibility). */
export function acceptedWebhookSecrets(system: Pick<SystemConfig, 'webhookSecret' | 'webhookSecrets'>): string[] {
  const all = [...(system.webhookSecrets ?? []), ...(system.webhookSecret === undefined ? [] : [system.webhookSecret])];
  return [...new Set(all)];
}

/** A short, one-way label of a secret for the audit log: tells rotations apart, reveals nothing usable. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

export interface SecretRotation {
  system: string;
  before: string[];
  after: string[];
}

type RawSystems = Record<string, Pick<SystemConfig, 'webhookSecret' | 'webhookSecrets'> | undefined>;

function systemsOf(doc: unknown): RawSystems {
  const systems = (doc as { systems?: unknown } | null)?.systems;
  return systems && typeof systems === 'object' ? (systems as RawSystems) : {};
}

/**
 * Systems whose accepted webhook secrets differ between two documents, as fingerprints (sorted). Compared on the
 * stored documents, so a `${ENV}` reference counts as its text: changing the variable is not seen here.
 */
export function webhookSecretRotations(before: unknown, after: unknown): SecretRotation[] {
  const a = systemsOf(before);
  const b = systemsOf(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const prints = (s: RawSystems[string]) => (s ? acceptedWebhookSecrets(s).map(secretFingerprint).sort() : []);
  return keys
    .map((system) => ({ system, before: prints(a[system]), after: prints(b[system]) }))
    .filter((r) => r.before.join() !== r.after.join());
}
