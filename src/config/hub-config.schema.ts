import { z } from 'zod';
import { alertsSchema, durationSchema, rateLimitsSchema, webhookBudgetSchema } from './hub-config.operations.schema';

export { alertsSchema, rateLimitsSchema, type AlertsConfig } from './hub-config.operations.schema';

/**
 * The shape of the hub configuration document (YAML or JSON). This is the structural schema only;
 * cross-references (systems named in precedence exist, mapped canonical fields exist, date patterns are
 * valid, …) are checked by validateHubConfig() in hub-config.validation.ts so every error is reported by path.
 * Plain TypeScript + zod: no Nest or TypeORM import here.
 */
export const FIELD_TYPES = [
  'string', 'text', 'email', 'phone', 'date', 'datetime', 'integer', 'decimal', 'money',
  'boolean', 'enum', 'list', 'reference', 'object',
] as const;
export const STRATEGIES = ['merge', 'precedence', 'latest', 'manual'] as const;
export const DIRECTIONS = ['in', 'out', 'both'] as const;
/** How a similarity rule compares one field (see docs/decision-match-suspects.md). */
export const SIMILARITY_METHODS = ['exact', 'jaroWinkler', 'trigram', 'phonetic'] as const;

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'must start with a letter and use letters, digits, _ or -');

export interface FieldDef {
  type: (typeof FIELD_TYPES)[number];
  required?: boolean;
  sensitive?: boolean;
  description?: string;
  /** enum: allowed canonical values */
  values?: string[];
  /** list: type of each item */
  items?: FieldDef;
  /** object (as list item or field): nested fields */
  fields?: Record<string, FieldDef>;
  /** reference: target entity type */
  entity?: string;
  /** survivorship strategy for this field; default is the entity type's strategy */
  strategy?: (typeof STRATEGIES)[number];
  /** string/text: normalisation applied to canonical values */
  trim?: boolean;
  case?: 'lower' | 'upper';
  /** string/text: maximum length; integer/decimal: min/max */
  maxLength?: number;
  min?: number;
  max?: number;
  /** string: a regular expression the value must match */
  pattern?: string;
  /** phone: default region for numbers written without a country code (ISO 3166 alpha-2) */
  defaultCountry?: string;
  /** money: canonical currency when a system gives amounts only */
  currency?: string;
}

export const fieldDefSchema: z.ZodType<FieldDef> = z.lazy(() =>
  z.strictObject({
    type: z.enum(FIELD_TYPES),
    required: z.boolean().optional(),
    sensitive: z.boolean().optional(),
    description: z.string().optional(),
    values: z.array(z.string().min(1)).min(1).optional(),
    items: fieldDefSchema.optional(),
    fields: z.record(name, fieldDefSchema).optional(),
    entity: name.optional(),
    strategy: z.enum(STRATEGIES).optional(),
    trim: z.boolean().optional(),
    case: z.enum(['lower', 'upper']).optional(),
    maxLength: z.number().int().positive().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    pattern: z.string().optional(),
    defaultCountry: z.string().length(2).optional(),
    currency: z.string().length(3).optional(),
  }),
);

/**
 * Similarity rules: pairs of golden records scoring at least `threshold` under one rule are queued for review
 * (match suspects). Field names may be dot paths into object fields (address.postalCode); they are checked
 * against the entity type by checkSuspectRules (fields exist, method fits the type).
 */
export const suspectRulesSchema = z.strictObject({
  threshold: z.number().gt(0, 'must be greater than 0').lte(1, 'must be at most 1'),
  rules: z.array(z.strictObject({
    /** a label shown in the review queue; default "rule <index>" */
    name: z.string().min(1).optional(),
    /**
     * the share of the rule's total weight the fields BOTH records hold must reach for the rule to score the pair
     * at all, so two sparse records agreeing on one or two fields do not look identical; default 0.6
     */
    minCoverage: z.number().gt(0, 'must be greater than 0').lte(1, 'must be at most 1').optional(),
    fields: z.record(z.string().min(1), z.strictObject({
      method: z.enum(SIMILARITY_METHODS),
      weight: z.number().gt(0, 'must be greater than 0').max(1000),
    })),
  })).min(1),
});
export type SuspectRulesConfig = z.infer<typeof suspectRulesSchema>;
export type SimilarityMethod = (typeof SIMILARITY_METHODS)[number];

export const entityTypeSchema = z.strictObject({
  description: z.string().optional(),
  /** alternative match keys, tried in order; an entry that is a list is a composite key */
  matchOn: z.array(z.union([name, z.array(name).min(1)])).optional(),
  fields: z.record(name, fieldDefSchema).default({}),
  /** system precedence, highest first ("System A wins" = [A, …]) */
  precedence: z.array(name).optional(),
  fieldPrecedence: z.record(name, z.array(name).min(1)).optional(),
  strategy: z.enum(STRATEGIES).optional(),
  /** what a delete in a source system does to the golden record */
  deletePolicy: z.enum(['tombstone', 'ignore']).optional(),
  /** similarity rules finding probable duplicates that exact match keys miss */
  suspects: suspectRulesSchema.optional(),
});

const moneyMappingSchema = z.strictObject({
  /** minor: integer cents; decimal: a number or decimal string in major units */
  unit: z.enum(['minor', 'decimal']).default('decimal'),
  /**
   * the system's field holding the ISO 4217 code, if any: in the record the mapping reads (for a nested
   * mapping, the list item or object); each leading `^.` climbs to the enclosing record (`^.currency`)
   */
  currencyField: z.string().optional(),
  /** the currency the system always uses, when it has no currency field */
  currency: z.string().length(3).optional(),
});
export type MoneyMapping = z.infer<typeof moneyMappingSchema>;

export interface FieldMapping {
  /** the system's field; dot notation for nested paths (address.city) */
  field: string;
  /** date / datetime pattern in Unicode tokens (yyyy-MM-dd, dd/MM/yyyy), or iso, epoch, epochMillis */
  format?: string;
  /** IANA zone the system writes local date-times in */
  timezone?: string;
  /** canonical value → system value */
  values?: Record<string, string | number | boolean>;
  money?: MoneyMapping;
  trim?: boolean;
  case?: 'lower' | 'upper';
  /** canonical value used when the system's field is absent (inbound) */
  default?: unknown;
  /** limit this field to one direction */
  direction?: (typeof DIRECTIONS)[number];
  /**
   * object field, or list of objects (per item): canonical sub-field → the system's sub-field inside the
   * object or item, or a full mapping; without it objects keep their canonical keys
   */
  fields?: Record<string, string | FieldMapping>;
}

/** What the document may say (money.unit has a default); z.input of the mapping schema. */
export type FieldMappingInput = Omit<FieldMapping, 'money' | 'fields'> & {
  money?: z.input<typeof moneyMappingSchema>;
  fields?: Record<string, string | FieldMappingInput>;
};

export const fieldMappingSchema: z.ZodType<FieldMapping, FieldMappingInput> = z.lazy(() =>
  z.strictObject({
    field: z.string().min(1),
    format: z.string().optional(),
    timezone: z.string().optional(),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    money: moneyMappingSchema.optional(),
    trim: z.boolean().optional(),
    case: z.enum(['lower', 'upper']).optional(),
    default: z.unknown().optional(),
    direction: z.enum(DIRECTIONS).optional(),
    fields: z.record(name, z.union([z.string().min(1), fieldMappingSchema])).optional(),
  }),
);

export const systemEntitySchema = z.strictObject({
  /** the system's own name for the entity: REST path, table name, webhook event-type prefix */
  name: z.string().min(1),
  /** the system's id field */
  id: z.string().min(1).default('id'),
  /** the system's last-modified field (polling watermark) */
  updatedAt: z.string().optional(),
  /**
   * the system field that changes with every write of a record (a revision or modified time); with an adapter's
   * conditionalWrites, the hub's updates carry it so they cannot overwrite a change it has not seen. Default: updatedAt
   */
  version: z.string().min(1).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  /** conditional sync: canonical field → required value (or list of accepted values) */
  filter: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))])).optional(),
  /** what happens in this system when a record stops matching its filter */
  onFilterMismatch: z.enum(['keep', 'delete']).optional(),
  /** canonical field → system field name, or a full mapping */
  fields: z.record(name, z.union([z.string().min(1), fieldMappingSchema])).default({}),
});

export const adapterSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('http'),
    baseUrl: z.url(),
    headers: z.record(z.string(), z.string()).optional(),
    timeout: durationSchema.optional(),
    rateLimit: z.strictObject({ perSecond: z.number().positive() }).optional(),
    /** path overrides per operation, with {name} and {id} placeholders */
    paths: z.strictObject({
      create: z.string().optional(), update: z.string().optional(), delete: z.string().optional(),
      list: z.string().optional(), get: z.string().optional(),
    }).optional(),
    updateMethod: z.enum(['PUT', 'PATCH']).optional(),
    /** updates send If-Match with the record's version; a 412 answer makes the hub read the record first */
    conditionalWrites: z.boolean().optional(),
    /** the system takes batched writes: calls made together go as one POST {name}/_bulk (docs/adapters.md) */
    bulk: z.union([z.boolean(), z.strictObject({ path: z.string().optional(), maxItems: z.number().int().min(1).max(1000).optional() })]).optional(),
  }),
  z.strictObject({
    type: z.literal('postgres'),
    url: z.string().min(1),
    schema: z.string().optional(),
    /** updates apply only while the row's version column still holds the version the hub last saw */
    conditionalWrites: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.url(),
    secret: z.string().min(1),
  }),
]);

/** What a system holding both records of a merged pair does with the duplicate's (docs/configuration.md). */
export const ON_MERGE = ['keep', 'delete'] as const;
export type OnMerge = (typeof ON_MERGE)[number];

export const systemSchema = z.strictObject({
  name: z.string().optional(),
  direction: z.enum(DIRECTIONS).default('both'),
  /** Standard Webhooks secret (whsec_…) the system signs its webhooks with */
  webhookSecret: z.string().optional(),
  /** several secrets, each accepted (a rotation keeps the old and the new valid together); with webhookSecret, both count */
  webhookSecrets: z.array(z.string()).max(5).optional(),
  /** this system's webhook budget, replacing rateLimits.webhooks for it */
  rateLimit: z.lazy(() => webhookBudgetSchema).optional(),
  adapter: adapterSchema.optional(),
  poll: z.strictObject({
    every: durationSchema.optional(),
    cron: z.string().optional(),
    overlap: durationSchema.optional(),
    initialSince: z.string().optional(),
    pageSize: z.number().int().positive().max(10_000).optional(),
  }).optional(),
  /** delayed sync: outbound changes are held and sent on this cron window, compressed per record */
  schedule: z.strictObject({ cron: z.string() }).optional(),
  delivery: z.strictObject({
    maxAttempts: z.number().int().min(1).max(100).optional(),
    backoff: durationSchema.optional(),
    /**
     * before creating a record, look for one the system already holds by the entity's match key (and update it
     * instead): two systems that create the same person before they sync end with one record each, not two
     */
    lookupBeforeCreate: z.boolean().optional(),
  }).optional(),
  /** what the hub does with records found deleted by reconciliation (no delete event seen) */
  inferredDeletes: z.enum(['propagate', 'review', 'ignore']).optional(),
  /**
   * a steward merged two golden records this system holds a record of each of: `keep` (default) leaves both there
   * (the hub writes to the survivor's own record; the other stays a source of it), `delete` deletes the duplicate's
   */
  onMerge: z.enum(ON_MERGE).optional(),
  entities: z.record(name, systemEntitySchema).default({}),
});

export const hubConfigSchema = z.strictObject({
  version: z.literal(1).optional(),
  rateLimits: rateLimitsSchema.optional(),
  entities: z.record(name, entityTypeSchema).default({}),
  systems: z.record(name, systemSchema).default({}),
  alerts: alertsSchema.optional(),
});

export type HubConfigInput = z.input<typeof hubConfigSchema>;
export type HubConfig = z.infer<typeof hubConfigSchema>;
export type EntityTypeConfig = z.infer<typeof entityTypeSchema>;
export type SystemConfig = z.infer<typeof systemSchema>;
export type SystemEntityConfig = z.infer<typeof systemEntitySchema>;
export type AdapterConfig = z.infer<typeof adapterSchema>;
export type Strategy = (typeof STRATEGIES)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type FieldType = (typeof FIELD_TYPES)[number];
