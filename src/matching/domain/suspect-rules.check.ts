import type { ResolvedEntityType } from '../../catalog/catalog.types';
import type { FieldDef, SimilarityMethod, SuspectRulesConfig } from '../../config/hub-config.schema';
import { TEXT_TYPES } from './normalise';
import { fieldDefAt } from './rule-fields';

/** Field types each method can compare. */
export const METHOD_TYPES: Record<SimilarityMethod, readonly FieldDef['type'][]> = {
  exact: ['string', 'text', 'email', 'phone', 'date', 'datetime', 'integer', 'decimal', 'boolean', 'enum', 'reference'],
  jaroWinkler: TEXT_TYPES,
  trigram: TEXT_TYPES,
  phonetic: ['string', 'text'],
};

/**
 * Cross-checks of an entity type's similarity rules (the zod schema already checked numbers and names), each
 * reported at its path: `entities.contact.suspects.rules.0.fields.lastName.method`.
 */
export function checkSuspectRules(suspects: SuspectRulesConfig, type: ResolvedEntityType, path: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  suspects.rules.forEach((rule, i) => {
    const at = `${path}.rules.${i}`;
    const fields = Object.entries(rule.fields);
    if (fields.length === 0) issues.push({ path: `${at}.fields`, message: 'a rule needs at least one field' });
    for (const [field, { method }] of fields) {
      const fieldPath = `${at}.fields.${field}`;
      const def = fieldDefAt(type, field);
      if (!def) {
        issues.push({ path: fieldPath, message: `unknown field "${field}" of entity type "${type.name}" (nested fields as address.city)` });
        continue;
      }
      if (!METHOD_TYPES[method].includes(def.type)) {
        issues.push({
          path: `${fieldPath}.method`,
          message: `${method} cannot compare a ${def.type} field (${method} compares ${METHOD_TYPES[method].join(', ')})`,
        });
      } else if (def.sensitive && method !== 'exact') {
        // Fuzzy blocking keys (phonetic codes, trigram text) would keep a readable form of the value in the database.
        issues.push({ path: `${fieldPath}.method`, message: `"${field}" is sensitive: only exact comparison is allowed (its blocking values are stored hashed)` });
      }
    }
  });
  return issues;
}
