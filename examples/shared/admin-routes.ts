import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from './fault-injector';
import { parseJson, readBody, sendJson } from './http-io';
import type { StoredRecord } from './record-store';
import { SystemHttpError } from './system-error';
import type { WebhookSender } from './webhook-sender';

/** A change a user makes in the system's own UI, in the system's own field names. */
export type EditCommand =
  | { entity: string; action: 'create'; data: Record<string, unknown> }
  | { entity: string; action: 'update'; id: string; data: Record<string, unknown> }
  | { entity: string; action: 'delete'; id: string };

export interface AdminTarget {
  stats(): unknown;
  faults: FaultInjector;
  webhooks: WebhookSender;
  edit(command: EditCommand): StoredRecord;
  reset(): void;
}

/**
 * Test and operations endpoints under /_admin. They bypass injected faults and the API key: they stand
 * for the operator's console and the system's own UI, not for its public API.
 */
export async function handleAdmin(target: AdminTarget, req: IncomingMessage, res: ServerResponse, path: string[]): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path.join('/')}`;
  const body = async (): Promise<unknown> => parseJson(await readBody(req)) ?? {};
  switch (route) {
    case 'GET stats':
      return sendJson(res, 200, target.stats());
    case 'GET faults':
      return sendJson(res, 200, { fault: target.faults.current() });
    case 'POST faults':
      return sendJson(res, 200, { fault: target.faults.set(await body()) });
    case 'POST edit': {
      const command = parseEditCommand(await body());
      const record = target.edit(command);
      return sendJson(res, command.action === 'create' ? 201 : 200, record);
    }
    case 'POST reset':
      target.reset();
      return sendJson(res, 204);
    case 'GET webhooks':
      return sendJson(res, 200, target.webhooks.stats());
    case 'POST webhooks':
      applyWebhookSettings(target.webhooks, await body());
      return sendJson(res, 200, target.webhooks.stats());
    default:
      throw new SystemHttpError(404, 'NOT_FOUND', `no admin endpoint ${route}`);
  }
}

export function parseEditCommand(input: unknown): EditCommand {
  const bad = (message: string): SystemHttpError => new SystemHttpError(400, 'INVALID_EDIT', message);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw bad('the edit must be a JSON object');
  const { entity, action, id, data } = input as Record<string, unknown>;
  if (typeof entity !== 'string' || entity === '') throw bad('entity must name one of the system\'s entities');
  const isObject = data !== null && typeof data === 'object' && !Array.isArray(data);
  switch (action) {
    case 'create':
      if (!isObject) throw bad('data must be an object with the new record\'s fields');
      return { entity, action, data: data as Record<string, unknown> };
    case 'update':
      if (typeof id !== 'string' || id === '') throw bad('id is required for update');
      if (!isObject) throw bad('data must be an object with the fields to change');
      return { entity, action, id, data: data as Record<string, unknown> };
    case 'delete':
      if (typeof id !== 'string' || id === '') throw bad('id is required for delete');
      return { entity, action, id };
    default:
      throw bad('action must be create, update or delete');
  }
}

function applyWebhookSettings(webhooks: WebhookSender, input: unknown): void {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new SystemHttpError(400, 'INVALID_BODY', 'expected { enabled?: boolean, dropNext?: number }');
  }
  const { enabled, dropNext, ...rest } = input as Record<string, unknown>;
  if (Object.keys(rest).length) throw new SystemHttpError(400, 'INVALID_BODY', `unknown fields: ${Object.keys(rest).join(', ')}`);
  if (enabled !== undefined && typeof enabled !== 'boolean') throw new SystemHttpError(400, 'INVALID_BODY', 'enabled must be a boolean');
  if (dropNext !== undefined && !(Number.isSafeInteger(dropNext) && (dropNext as number) >= 0)) {
    throw new SystemHttpError(400, 'INVALID_BODY', 'dropNext must be a non-negative integer');
  }
  if (enabled !== undefined) webhooks.setEnabled(enabled);
  if (dropNext !== undefined) webhooks.dropNext(dropNext as number);
}
