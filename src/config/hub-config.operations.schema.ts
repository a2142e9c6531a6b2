import { z } from 'zod';

/**
 * The operational sections of the configuration document: where alerts go and when they fire, and the rate limits.
 * Apart from hub-config.schema.ts (the systems and entity types) so each file stays readable; the same plain zod.
 */
export const durationSchema = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as 30s, 5m, 1h');

const thresholdRuleSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** the alert opens once this many happened within the window */
  threshold: z.number().int().min(1).optional(),
  window: durationSchema.optional(),
});
const switchRuleSchema = z.strictObject({ enabled: z.boolean().optional() });

/** Where alerts go and when they fire; src/alerts reads it. Every rule has a default (docs/operations.md). */
export const alertsSchema = z.strictObject({
  /** how often the rules are evaluated */
  every: durationSchema.optional(),
  targets: z.array(z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('log') }),
    z.strictObject({
      type: z.literal('webhook'),
      url: z.url(),
      /** Standard Webhooks secret (whsec_…) the notifications are signed with */
      secret: z.string().startsWith('whsec_', 'must be a Standard Webhooks secret: "whsec_" followed by base64'),
    }),
  ])).default([]),
  rules: z.strictObject({
    conflicts: thresholdRuleSchema.optional(),
    rejectedEvents: thresholdRuleSchema.optional(),
    deadLetters: switchRuleSchema.optional(),
    circuitOpen: switchRuleSchema.optional(),
    massDeleteGuard: switchRuleSchema.optional(),
    /** a system with no successful sync for this long (off unless `after` is set: quiet systems are normal) */
    noSync: z.strictObject({ enabled: z.boolean().optional(), after: durationSchema.optional() }).optional(),
  }).default({}),
});

const requestBudgetSchema = z.strictObject({ requests: z.number().int().positive(), per: durationSchema });
export const webhookBudgetSchema = z.strictObject({ events: z.number().int().positive(), per: durationSchema });

/** Limits per caller; state is shared by every replica (in the database). Absent: the defaults in rate-limit.ts. */
export const rateLimitsSchema = z.strictObject({
  /** GraphQL and REST calls per API key (each GraphQL top-level field counts as one) */
  apiKeys: requestBudgetSchema.optional(),
  /** events per webhook system (a batch counts its events) */
  webhooks: webhookBudgetSchema.optional(),
});

export type AlertsConfig = z.infer<typeof alertsSchema>;
