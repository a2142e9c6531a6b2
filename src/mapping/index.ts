/**
 * # Mapping engine
 *
 * Converts between a source system's own record shape and the hub's canonical record
 * (docs/canonical-values.md), per system and entity type, as declared in the configuration document
 * (`systems.<S>.entities.<E>.fields`: canonical field → system field name, or a FieldMapping). Pure
 * TypeScript: no Nest, no TypeORM, no I/O. Cross-references are looked up through a ReferenceResolver the
 * caller supplies (preloaded or cached), so the functions stay synchronous and deterministic.
 *
 * ## Model
 * - `mapInbound(ctx, systemRecord)` → `{ record, errors }`: for each mapped field (direction in/both) read
 *   the system path (dot notation, `address.city`), convert by the canonical field's type (FieldDef) and the
 *   mapping's options. `mapOutbound(ctx, canonical)` is the inverse (direction out/both), building nested
 *   objects for dot paths. A value that fails is left out and reported as a MappingError naming the system,
 *   the canonical field, the system field, the value and a stable `code` (INVALID_DATE, UNMAPPED_VALUE, …);
 *   the other fields still map, and the caller decides whether the change is rejected.
 * - Presence: unmapped system fields are ignored; an absent system field leaves the canonical field absent
 *   (or takes the mapping's `default`, a canonical value) — never null; a present null maps to null. Outbound
 *   writes only canonical fields present in the record. So a system never sends nor clears what it lacks.
 * - Never outbound: sensitive fields (FieldDef.sensitive, at any depth) and the system's id field (adapters
 *   own ids). The id is canonical only when a mapping names it explicitly; `externalIdOf` reads it.
 * - Nested mappings: `fields` on an object field, or on a list whose items are objects, maps each canonical
 *   sub-field to a path inside the object / item, with every option below (and `fields` again, recursively).
 *   Same presence rules as the top level; errors name nested paths on both sides (`lines.0.unitPrice`,
 *   `lines.0.unit_price_cents`); a failed value fails its item, a failed item its list. Without `fields`
 *   object members keep their canonical keys and convert by their FieldDefs.
 * - Value options (on a list field they apply to every item):
 *   - `format` for date/datetime: luxon Unicode pattern (`dd/MM/yyyy`, `MM/dd/yyyy HH:mm`, locale en-US),
 *     or `iso`, `epoch` (seconds), `epochMillis`. No format: ISO expected (dates strictly yyyy-MM-dd).
 *     Parsing is strict: `31/02/2024` or `1/1/2024` for dd/MM/yyyy is an error, not a guess. `timezone`
 *     (IANA) is the zone a system writes local values in: inbound converts to UTC, outbound renders there.
 *     During a DST fall-back hour a local time without offset is ambiguous; luxon picks one instant.
 *   - `format` elsewhere: phone `e164` (default) | `international` | `national` (only for numbers of the
 *     field's defaultCountry; others stay international) | `rfc3966`; integer/decimal/money/reference
 *     `number` | `string` — the JSON type the system wants (decimals and decimal money default to strings
 *     so no client reads them into a double; reference `number` sends numeric external ids as numbers).
 *   - `money: { unit, currency?, currencyField? }`: `minor` = integer minor units with the currency's
 *     exponent from dinero.js's ISO 4217 table (JPY 0, EUR 2, KWD 3); `decimal` = number or string in major
 *     units. The currency comes from `currencyField` in the same record (item), else `currency`, else
 *     FieldDef.currency; a leading `^.` reads the record around the item (`^.currency`: the order's code
 *     for each line). Outbound refuses an amount in another currency than a fixed one (CURRENCY_MISMATCH)
 *     and writes the code to `currencyField`; values sharing a currency field (a total and its lines) must
 *     agree, and codes are written only once their top-level field converted (CurrencyWrites). An empty
 *     line price never clears its order's code. All arithmetic is big.js on decimal strings. Without money
 *     options the system speaks canonical `{ amount, currency }` (or bare amounts in FieldDef.currency).
 *   - `values: { canonical: systemValue }` (enum, string, text, boolean, integer): outbound looks up,
 *     inbound reverses; an unlisted value is UNMAPPED_VALUE. System values compare by text after trim/case.
 *   - `trim`, `case`: the system's form of text (applied inbound before FieldDef.trim/case, and outbound).
 * - Fixed type rules: email trimmed + lower-cased; phone → E.164 via libphonenumber-js (max metadata,
 *   FieldDef.defaultCountry for national numbers); integer from numbers or "42"; decimal from numbers or
 *   "12.50" → "12.5"; boolean from true/false, 1/0, "true"/"yes"/"y"/"on"/"1" and their negatives; enum
 *   values must be declared; reference ids resolve through `references` (REFERENCE_UNRESOLVED otherwise).
 * - `checkMappingConfig(mapping, entityType)` lists every problem with a path relative to the system
 *   entity (fields.birthDate.format, …): unknown canonical fields, date patterns that do not survive a
 *   format → parse round trip on sample dates or use tokens luxon cannot parse, unknown zones and
 *   currencies, non-invertible value maps, options on the wrong field type, non-canonical defaults, and
 *   two mappings writing one system field (shared currency fields excepted) — at every nesting depth, with
 *   full paths (fields.lines.fields.qty), plus `fields` on a non-object field and `^.` above the record.
 *
 * Round trips: for mapped fields, `mapInbound(mapOutbound(x))` equals x and `mapOutbound(mapInbound(y))`
 * equals y whenever no option loses information (epoch seconds drop milliseconds, `HH:mm` drops seconds,
 * case rules fold letters, local times in a DST overlap are ambiguous) — see round-trip.spec.ts.
 */
export { DATE_FORMAT_KEYWORDS, checkDatePattern, isValidTimezone } from './date.codec';
export { externalIdOf, resolveEntries, resolveFieldMappings } from './field-mapping.util';
export { mapInbound } from './inbound.mapper';
export { checkMappingConfig, type MappingConfigProblem } from './mapping-config.check';
export {
  MAPPING_ERROR_CODES, type InboundResult, type MappingContext, type MappingError, type MappingErrorCode,
  type OutboundResult, type ReferenceResolver, type ResolvedFieldMapping,
} from './mapping.types';
export { currencyDigits, isKnownCurrency } from './money.codec';
export { mapOutbound } from './outbound.mapper';
export { PARENT_PREFIX, readPath, writePath } from './record-path.util';
export { NUMBER_FORMATS, PHONE_FORMATS } from './scalar.codec';
