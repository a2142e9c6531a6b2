import { describe, expect, it } from 'vitest';
import { acceptedWebhookSecrets, secretFingerprint, webhookSecretRotations } from './webhook-secrets';

describe('webhook secrets', () => {
  it('accepts the list and the single secret together, once each', () => {
    expect(acceptedWebhookSecrets({ webhookSecret: 'whsec_a', webhookSecrets: ['whsec_b', 'whsec_a'] })).toEqual(['whsec_b', 'whsec_a']);
    expect(acceptedWebhookSecrets({})).toEqual([]);
  });

  it('reports rotations as fingerprints, never the secrets', () => {
    const before = { systems: { A: { webhookSecret: 'whsec_old' }, B: { webhookSecret: 'whsec_b' } } };
    const after = { systems: { A: { webhookSecrets: ['whsec_old', 'whsec_new'] }, B: { webhookSecrets: ['whsec_b'] } } };
    const rotations = webhookSecretRotations(before, after);
    expect(rotations).toEqual([{ system: 'A', before: [secretFingerprint('whsec_old')], after: [secretFingerprint('whsec_new'), secretFingerprint('whsec_old')].sort() }]);
    expect(JSON.stringify(rotations)).not.toContain('whsec_');
  });
});
