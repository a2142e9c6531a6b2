import type { FieldDef, FieldMapping, SystemEntityConfig } from '../config/hub-config.schema';
import type { CanonicalRecord, ResolvedEntityType } from '../catalog/catalog.types';
import type { CurrencyWrites } from './currency-writes.util';

/** One value that could not be converted. Paths are dot-separated; list items use their index (lines.0.quantity). */
export interface MappingError {
  system: string;
  /** canonical field path */
  field: string;
  /** the system's field path */
  systemField: string;
  value: unknown;
  code: string;
  message: string;
}

/** Stable codes, so callers and API clients can branch on them. */
export const MAPPING_ERROR_CODES = [
  'INVALID_STRING', 'INVALID_DATE', 'INVALID_DATETIME', 'INVALID_INTEGER', 'INVALID_DECIMAL', 'INVALID_BOOLEAN',
  'INVALID_PHONE', 'INVALID_MONEY', 'UNKNOWN_CURRENCY', 'MISSING_CURRENCY', 'CURRENCY_MISMATCH',
  'UNSUPPORTED_CURRENCY', 'UNMAPPED_VALUE', 'INVALID_ENUM_VALUE', 'INVALID_LIST', 'INVALID_OBJECT',
  'REFERENCE_UNRESOLVED', 'UNKNOWN_FIELD',
] as const;
export type MappingErrorCode = (typeof MAPPING_ERROR_CODES)[number];

/** Cross-reference lookups; the mapping stays pure because the caller preloads or caches what it needs. */
export interface ReferenceResolver {
  toGoldenId(system: string, entityType: string, externalId: string): string | undefined;
  toExternalId(system: string, entityType: string, goldenId: string): string | undefined;
}

export interface MappingContext {
  system: string;
  entityType: ResolvedEntityType;
  mapping: SystemEntityConfig;
  references?: ReferenceResolver;
}

export interface InboundResult {
  record: CanonicalRecord;
  errors: MappingError[];
}

export interface OutboundResult {
  record: Record<string, unknown>;
  errors: MappingError[];
}

/** A field mapping with the string shorthand expanded, as the mappers and the config check use it. */
export interface ResolvedFieldMapping extends FieldMapping {
  /** canonical field name */
  canonical: string;
}

/**
 * The conversion options that apply to one value (a field, or each item of a list field). `fields` is the
 * nested mapping of an object value (or of each object item of a list).
 */
export type ValueOptions = Pick<FieldMapping, 'format' | 'timezone' | 'values' | 'money' | 'trim' | 'case' | 'fields'>;

/**
 * The system records around a value, so a nested mapping can name its enclosing record (`^.currency`).
 * Inbound they are the records read; outbound the records being built.
 */
export interface RecordChain {
  /** the top-level system record first, the innermost object mapped by nested `fields` last */
  records: Record<string, unknown>[];
  /** outbound: currency codes held until their top-level field has converted */
  writes?: CurrencyWrites;
  /** the top-level record's id field, which outbound never writes */
  idField?: string;
}

/** Result of converting one scalar value: either the converted value or why it failed. */
export type Converted = { ok: true; value: unknown } | { ok: false; code: MappingErrorCode; reason: string };

/** Where a value sits, so nested failures can be reported with full paths. */
export interface ValueScope {
  system: string;
  field: string;
  systemField: string;
  def: FieldDef;
  options: ValueOptions;
  references?: ReferenceResolver;
  /** inbound money only: the raw value of the mapping's currencyField (in the item, or up the chain with ^.) */
  currencyValue?: unknown;
  /** absent only where no record is around the value (checking a configured default) */
  chain?: RecordChain;
  errors: MappingError[];
}

/** One record whose mapped fields are converted: the top level ('' paths) or an object inside it. */
export type RecordScope = Omit<ValueScope, 'def' | 'options' | 'currencyValue' | 'chain'> & { chain: RecordChain };
