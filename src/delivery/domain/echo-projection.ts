import type { CanonicalRecord } from '../../catalog/catalog.types';
import type { SystemEntityBinding } from '../../config/active-config';
import type { FieldDef } from '../../config/hub-config.schema';
import { payloadHash } from '../../golden-records/domain/payload-hash';
import { isIdPath, mapsInbound, mapsOutbound, resolveFieldMappings } from '../../mapping/field-mapping.util';

/**
 * Which canonical values a system holds because the hub wrote them. Three views of one golden record, per
 * system binding:
 * - the outbound projection: every field the hub writes to the system (mapped out, not sensitive, not the id);
 * - the echo projection: the part the system also reports back (mapped in AND out, system and entity
 *   directions allowing both). Its hash is what the echo guard compares an incoming change against, and it is
 *   what the system's source record (three-way merge base) moves to once a write is acknowledged;
 * - the hub-only projection: the rest of the outbound projection. The system never tells the hub about these
 *   fields, so the ledger's hash of the last acknowledged values is the only knowledge of what it holds.
 * Sensitive members are removed at every depth, exactly as the outbound mapper leaves them out.
 */

interface ProjectedField {
  name: string;
  def: FieldDef;
  /** the system reports this field back (mapped in both directions) */
  echoed: boolean;
}

const cache = new WeakMap<SystemEntityBinding['mapping'], ProjectedField[]>();

export function projectedFields(binding: SystemEntityBinding): ProjectedField[] {
  const cached = cache.get(binding.mapping);
  if (cached) return cached;
  const systemSendsBack = binding.system.direction === 'both' && (binding.mapping.direction ?? 'both') === 'both';
  const fields: ProjectedField[] = [];
  for (const fm of resolveFieldMappings(binding.mapping)) {
    const def = binding.entityType.fields[fm.canonical];
    if (!def || def.sensitive || !mapsOutbound(fm) || isIdPath(binding.mapping, fm.field)) continue;
    fields.push({ name: fm.canonical, def, echoed: systemSendsBack && mapsInbound(fm) });
  }
  cache.set(binding.mapping, fields);
  return fields;
}

/** Every canonical value the hub writes to the system, sensitive members removed. */
export function outboundProjection(binding: SystemEntityBinding, canonical: CanonicalRecord): CanonicalRecord {
  return project(projectedFields(binding), canonical);
}

/** The canonical fields the system maps in both directions (non-sensitive), as present in `canonical`. */
export function echoProjection(binding: SystemEntityBinding, canonical: CanonicalRecord): CanonicalRecord {
  return project(projectedFields(binding).filter((f) => f.echoed), canonical);
}

/** payloadHash of the echo projection: equal for what the hub sent and the system's unchanged echo of it. */
export function echoHash(binding: SystemEntityBinding, canonical: CanonicalRecord): string {
  return payloadHash(echoProjection(binding, canonical));
}

/** The outbound fields the system never reports back. */
export function hubOnlyProjection(binding: SystemEntityBinding, canonical: CanonicalRecord): CanonicalRecord {
  return project(projectedFields(binding).filter((f) => !f.echoed), canonical);
}

export function hubOnlyHash(binding: SystemEntityBinding, canonical: CanonicalRecord): string {
  return payloadHash(hubOnlyProjection(binding, canonical));
}

function project(fields: ProjectedField[], canonical: CanonicalRecord): CanonicalRecord {
  const out: CanonicalRecord = {};
  for (const { name, def } of fields) {
    if (!Object.prototype.hasOwnProperty.call(canonical, name) || canonical[name] === undefined) continue;
    out[name] = withoutSensitive(def, canonical[name]);
  }
  return out;
}

function withoutSensitive(def: FieldDef, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return def.type === 'list' && def.items ? value.map((item) => withoutSensitive(def.items!, item)) : structuredClone(value);
  if (def.type !== 'object' || !def.fields) return structuredClone(value);
  // Only declared members, as the outbound mapper writes them.
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, memberDef] of Object.entries(def.fields)) {
    if (memberDef.sensitive || !Object.prototype.hasOwnProperty.call(record, key) || record[key] === undefined) continue;
    out[key] = withoutSensitive(memberDef, record[key]);
  }
  return out;
}
