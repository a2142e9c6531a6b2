import type { FieldDef, Strategy, SuspectRulesConfig } from '../config/hub-config.schema';

/**
 * An entity type after built-in defaults and the configuration document are merged.
 * Everything downstream (mapping, validation, matching, survivorship) reads this, never the raw document.
 */
export interface ResolvedEntityType {
  name: string;
  description?: string;
  fields: Record<string, FieldDef>;
  /** alternative match keys tried in order; each key is one or more canonical fields (composite) */
  matchOn: string[][];
  /** systems, highest precedence first; defaults to the order systems are declared in */
  precedence: string[];
  /** per-field precedence overrides */
  fieldPrecedence: Record<string, string[]>;
  /** default survivorship strategy (fields may override with FieldDef.strategy) */
  strategy: Strategy;
  deletePolicy: 'tombstone' | 'ignore';
  /** similarity rules for match suspects; absent: no suspect detection for this type */
  suspects?: SuspectRulesConfig;
}

/** A canonical record: canonical field name → canonical value (see docs/canonical-values.md). */
export type CanonicalRecord = Record<string, unknown>;

export interface FieldError {
  /** canonical field path, dot-separated for nested (lines.0.quantity) */
  field: string;
  code: string;
  message: string;
  value?: unknown;
}
