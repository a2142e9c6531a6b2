import { DateTime } from 'luxon';
import { utcIsoMillis } from '../common/iso-time';
import { type ActiveConfig, bindingByName } from '../config/active-config';
import type { SystemConfig } from '../config/hub-config.schema';
import { isPlainObject, readPath } from '../mapping/record-path.util';
import { type InboxAction, type InboxEventDraft, MAX_EVENT_ID_LENGTH, MAX_EXTERNAL_ID_LENGTH } from '../inbox/inbox.types';
import { type EventProblem, IngestError, problemError } from './ingest.errors';

/**
 * The Standard Webhooks envelope ({type, timestamp, data}) and the batch form ({events: [{id, …}]}) turned
 * into inbox rows. Plain TypeScript: every rule here is unit-tested without Nest or a database.
 */

const VERBS: Readonly<Record<string, InboxAction>> = { created: 'upsert', updated: 'upsert', deleted: 'delete' };
const VERB_NAMES = Object.keys(VERBS);

/** One batch request; larger loads are split by the sender. Kept well under the body limit's worth of events. */
export const MAX_BATCH_EVENTS = 10_000;
/** A batch with thousands of bad events would answer megabytes of details; the first ones are enough to fix the sender. */
export const MAX_BATCH_PROBLEMS_LISTED = 1_000;

export interface ChangeInput {
  eventId: unknown;
  /** where the event id came from, for error paths (webhook-id header, or the batch event's id) */
  eventIdPath: string;
  type: unknown;
  timestamp: unknown;
  data: unknown;
}

export type ParsedChange = { ok: true; event: InboxEventDraft } | { ok: false; problem: EventProblem };

/** `customers.updated` → name `customers`, action upsert. The name may itself contain dots. */
export function parseEventType(type: string): { name: string; verb: string; action: InboxAction } | undefined {
  const dot = type.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const verb = type.slice(dot + 1);
  const action = Object.prototype.hasOwnProperty.call(VERBS, verb) ? VERBS[verb] : undefined;
  return action ? { name: type.slice(0, dot), verb, action } : undefined;
}

function entityIsInbound(system: SystemConfig, entity: SystemConfig['entities'][string]): boolean {
  return (entity.direction ?? system.direction) !== 'out';
}

/** The event types a system may send, for error messages that tell the sender what would have worked. */
export function inboundEventTypes(system: SystemConfig): string[] {
  return Object.values(system.entities)
    .filter((entity) => entityIsInbound(system, entity))
    .flatMap((entity) => VERB_NAMES.map((verb) => `${entity.name}.${verb}`));
}

// JSON.stringify escapes exactly NUL and lone surrogates as \uXXXX; PostgreSQL's jsonb refuses both.
// An escape counts only when preceded by an even number of backslashes (else it is literal text).
const UNSTORABLE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/;

/** ISO 8601 → ISO UTC; a value without an offset is read as UTC. */
export function parseIsoTimestamp(value: string): string | undefined {
  const millis = utcIsoMillis(value);
  if (millis !== undefined) return new Date(millis).toISOString();
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? undefined) : undefined;
}

function memoised(value: string, memo: Map<string, string | undefined> | undefined): string | undefined {
  if (!memo) return parseIsoTimestamp(value);
  if (memo.has(value)) return memo.get(value);
  const parsed = parseIsoTimestamp(value);
  memo.set(value, parsed);
  return parsed;
}

function problem(code: EventProblem['code'], path: string, message: string, value?: unknown): ParsedChange {
  return { ok: false, problem: { code, path, message, ...(value === undefined ? {} : { value }) } };
}

function externalIdOf(data: Record<string, unknown>, idPath: string): string | undefined {
  const raw = readPath(data, idPath);
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > MAX_EXTERNAL_ID_LENGTH || raw.includes('\u0000')) return undefined;
  return raw;
}

/** Validates one change against the system's configuration; never throws, so a batch can report every problem. */
export function parseChange(
  active: ActiveConfig, systemKey: string, input: ChangeInput, fallbackTimestamp: Date,
  /** memo of parsed timestamps: bulk exports often stamp many records alike, and ISO parsing is the costliest check */
  timestamps?: Map<string, string | undefined>,
): ParsedChange {
  const system = active.config.systems[systemKey];
  if (!system) throw new Error(`parseChange called for unconfigured system ${systemKey}`);

  const { eventId } = input;
  if (typeof eventId !== 'string' || eventId === '' || eventId.length > MAX_EVENT_ID_LENGTH) {
    return problem('INVALID_ENVELOPE', input.eventIdPath, `the event id must be a string of 1 to ${MAX_EVENT_ID_LENGTH} characters`);
  }
  if (typeof input.type !== 'string' || input.type === '') {
    return problem('INVALID_ENVELOPE', 'type', 'type must be a string such as "<entity>.created", "<entity>.updated" or "<entity>.deleted"');
  }
  const type = input.type;
  const parsedType = parseEventType(type);
  const binding = parsedType && bindingByName(active, systemKey, parsedType.name);
  if (!parsedType || !binding) {
    const known = inboundEventTypes(system);
    const shown = type.length > 200 ? `${type.slice(0, 200)}…` : type;
    return problem('UNKNOWN_EVENT_TYPE', 'type', `unknown event type "${shown}" for system ${systemKey}; known types: ${known.join(', ') || 'none'}`, shown);
  }
  if (!entityIsInbound(system, binding.mapping)) {
    return problem('ENTITY_NOT_INBOUND', 'type', `system ${systemKey} only receives ${binding.entityType.name} records from the hub`, type);
  }

  let sourceTimestamp = fallbackTimestamp.toISOString();
  if (input.timestamp !== undefined && input.timestamp !== null) {
    const parsed = typeof input.timestamp === 'string' ? memoised(input.timestamp, timestamps) : undefined;
    if (!parsed) return problem('INVALID_ENVELOPE', 'timestamp', 'timestamp must be an ISO 8601 date-time', input.timestamp);
    sourceTimestamp = parsed;
  }

  if (!isPlainObject(input.data)) {
    return problem('INVALID_ENVELOPE', 'data', "data must be a JSON object: the system's own record");
  }
  const idPath = binding.mapping.id;
  const externalId = externalIdOf(input.data, idPath);
  if (externalId === undefined) {
    return problem('EXTERNAL_ID_MISSING', `data.${idPath}`,
      `data.${idPath} must hold the record's id: a non-empty string (at most ${MAX_EXTERNAL_ID_LENGTH} characters) or a number`);
  }
  const payloadJson = JSON.stringify(input.data);
  if (UNSTORABLE_ESCAPE.test(payloadJson)) {
    return problem('PAYLOAD_UNSTORABLE', 'data', 'data contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored');
  }

  return {
    ok: true,
    event: { eventId, eventType: type, entityType: binding.entityType.name, action: parsedType.action, externalId, payloadJson, sourceTimestamp },
  };
}

/** A single webhook: the event id is the signed webhook-id header. Throws the problem as the request's error. */
export function parseWebhookEvent(active: ActiveConfig, systemKey: string, body: unknown, webhookId: string, signedAt: Date): InboxEventDraft {
  if (!isPlainObject(body)) {
    throw problemError({ code: 'INVALID_ENVELOPE', path: '', message: 'the body must be a JSON object {"type", "timestamp", "data"}' });
  }
  const parsed = parseChange(active, systemKey, { eventId: webhookId, eventIdPath: 'webhook-id', type: body.type, timestamp: body.timestamp, data: body.data }, signedAt);
  if (!parsed.ok) throw problemError(parsed.problem);
  return parsed.event;
}

/** A batch is all-or-nothing: every event is checked, and one bad event refuses the whole request. */
export function parseBatch(active: ActiveConfig, systemKey: string, body: unknown, signedAt: Date, maxEvents = MAX_BATCH_EVENTS): InboxEventDraft[] {
  const events = isPlainObject(body) ? body.events : undefined;
  if (!Array.isArray(events) || events.length === 0) {
    throw problemError({ code: 'INVALID_ENVELOPE', path: 'events', message: 'the body must be {"events": [{"id", "type", "timestamp", "data"}, …]} with at least one event' });
  }
  if (events.length > maxEvents) {
    throw new IngestError('BATCH_TOO_LARGE', `a batch holds at most ${maxEvents} events; this one has ${events.length}: split it`, 'too_large',
      [{ path: 'events', message: `at most ${maxEvents} events`, value: events.length }]);
  }
  const drafts: InboxEventDraft[] = [];
  const problems: { index: number; problem: EventProblem }[] = [];
  const timestamps = new Map<string, string | undefined>();
  events.forEach((item: unknown, index) => {
    if (!isPlainObject(item)) {
      problems.push({ index, problem: { code: 'INVALID_ENVELOPE', path: '', message: 'each event must be a JSON object {"id", "type", "timestamp", "data"}' } });
      return;
    }
    const parsed = parseChange(active, systemKey, { eventId: item.id, eventIdPath: 'id', type: item.type, timestamp: item.timestamp, data: item.data }, signedAt, timestamps);
    if (parsed.ok) drafts.push(parsed.event);
    else problems.push({ index, problem: parsed.problem });
  });
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_BATCH_PROBLEMS_LISTED);
    throw new IngestError('BATCH_INVALID',
      `${problems.length} of ${events.length} events are invalid${problems.length > listed.length ? ` (the first ${listed.length} are listed)` : ''}; nothing was stored`,
      'invalid',
      listed.map(({ index, problem: p }) => ({
        path: p.path ? `events.${index}.${p.path}` : `events.${index}`,
        message: `${p.code}: ${p.message}`,
        ...(p.value === undefined ? {} : { value: p.value }),
      })));
  }
  return drafts;
}
