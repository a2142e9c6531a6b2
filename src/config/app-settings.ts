import { z } from 'zod';

/**
 * Process settings from the environment, validated once at start and read only through this type.
 * The hub configuration *document* (entities, systems, mappings) lives in hub-config/, not here.
 */
const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url().optional(),
  HUB_DATA_DIR: z.string().default('.data'),
  HUB_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  HUB_CONFIG: z.string().optional(),
  HUB_CONFIG_OVERWRITE: z.enum(['true', 'false']).default('false'),
  HUB_ADMIN_API_KEY: z.string().min(16).optional(),
  HUB_WORKERS: z.enum(['on', 'off']).default('on'),
  HUB_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  HUB_WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  HUB_WORKER_IDLE_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  HUB_WORKER_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(20),
  HUB_DELIVERY_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  HUB_JOB_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  HUB_JOB_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  HUB_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),
  HUB_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  HUB_MAX_JSON_DEPTH: z.coerce.number().int().min(8).max(1_000).default(64),
  HUB_GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(10),
  HUB_GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(15),
  HUB_GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(100_000_000).default(50_000),
  HUB_GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(5_000),
  HUB_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
});

type RawSettings = z.infer<typeof settingsSchema>;

export interface AppSettings {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort?: number;
  hubConfigPath?: string;
  /**
   * Apply HUB_CONFIG even when it changed and a newer version was stored through the API after the file's last one
   * (which the hub otherwise refuses to overwrite; see docs/decision-config-versioning.md).
   */
  hubConfigOverwrite: boolean;
  adminApiKey?: string;
  workersEnabled: boolean;
  /** name parameterised statements so PostgreSQL prepares each once per connection (off behind a transaction-mode pooler) */
  preparedStatements: boolean;
  workerBatchSize: number;
  workerIdleMs: number;
  /** how long a worker lets work gather after a small batch or a wake-up (0: never) */
  workerLingerMs: number;
  /** how long a claimed delivery stays in flight before another worker may retry it (longer than any call) */
  deliveryLeaseMs: number;
  /** golden records per batch of a job (a recompute after a rule change) */
  jobBatchSize: number;
  /** how long a running job's runner may stay silent before another runner takes the job over */
  jobLeaseMs: number;
  webhookToleranceSeconds: number;
  maxBodyBytes: number;
  /** deepest nesting of objects and arrays a JSON body may have; checked over the bytes before parsing */
  maxJsonDepth: number;
  /** limits on one GraphQL document: selection depth, aliases, estimated cost, lexical tokens */
  graphqlLimits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number };
  retentionDays: number;
  logLevel: RawSettings['LOG_LEVEL'];
  /** auto: human-readable lines when stdout is a terminal, JSON lines otherwise */
  logFormat: RawSettings['LOG_FORMAT'];
}

export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment settings:\n  ${problems.join('\n  ')}`);
  }
}

export function loadAppSettings(env: NodeJS.ProcessEnv = process.env): AppSettings {
  // Empty strings come from `FOO= npm start`; treat them as unset rather than as invalid values.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = settingsSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new InvalidSettingsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const s = parsed.data;
  return {
    port: s.PORT,
    host: s.HOST,
    databaseUrl: s.DATABASE_URL,
    dataDir: s.HUB_DATA_DIR,
    embeddedPgPort: s.HUB_EMBEDDED_PG_PORT,
    hubConfigPath: s.HUB_CONFIG,
    hubConfigOverwrite: s.HUB_CONFIG_OVERWRITE === 'true',
    adminApiKey: s.HUB_ADMIN_API_KEY,
    workersEnabled: s.HUB_WORKERS === 'on',
    preparedStatements: s.HUB_PREPARED_STATEMENTS === 'on',
    workerBatchSize: s.HUB_WORKER_BATCH_SIZE,
    workerIdleMs: s.HUB_WORKER_IDLE_MS,
    workerLingerMs: s.HUB_WORKER_LINGER_MS,
    deliveryLeaseMs: s.HUB_DELIVERY_LEASE_MS,
    jobBatchSize: s.HUB_JOB_BATCH_SIZE,
    jobLeaseMs: s.HUB_JOB_LEASE_MS,
    webhookToleranceSeconds: s.HUB_WEBHOOK_TOLERANCE_SECONDS,
    maxBodyBytes: s.HUB_MAX_BODY_BYTES,
    maxJsonDepth: s.HUB_MAX_JSON_DEPTH,
    graphqlLimits: {
      maxDepth: s.HUB_GRAPHQL_MAX_DEPTH, maxAliases: s.HUB_GRAPHQL_MAX_ALIASES, maxCost: s.HUB_GRAPHQL_MAX_COST, maxTokens: s.HUB_GRAPHQL_MAX_TOKENS,
    },
    retentionDays: s.HUB_RETENTION_DAYS,
    logLevel: s.LOG_LEVEL,
    logFormat: s.LOG_FORMAT,
  };
}

export const APP_SETTINGS = Symbol('APP_SETTINGS');
