import { AdapterError } from '../adapter.error';
import { type HttpRequest, type HttpResult, parseJsonBody, sendHttp, statusError } from './http-transport';

/**
 * The optional `bulk` convention of the http adapter (docs/adapters.md): the single-record calls gathered at
 * one moment go as one `POST {baseUrl}/{name}/_bulk` with `{"operations": [...]}`; the system answers
 * `{"results": [...]}`, one per operation in order, each `{"status": <the status the single request would
 * have had>, "body": <its body>}`. Each call then reads its item exactly as it would read its own answer.
 */
export interface BulkOperation {
  op: 'create' | 'update' | 'delete' | 'find';
  id?: string;
  record?: Record<string, unknown>;
  idempotencyKey?: string;
  ifMatch?: string;
  field?: string;
  value?: unknown;
}

interface BulkItem {
  status: number;
  body?: unknown;
}

/** Sends one bulk request; one HttpResult per operation, or an Error for an operation whose item is malformed. */
export async function sendBulk(base: Omit<HttpRequest, 'body' | 'passStatuses'>, ops: BulkOperation[]): Promise<(HttpResult | Error)[]> {
  const where = `POST ${base.target.pathname}`;
  const res = await sendHttp({ ...base, method: 'POST', body: JSON.stringify({ operations: ops }) });
  const parsed = parseJsonBody(res, where);
  const results = (parsed as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results) || results.length !== ops.length) {
    // The writes may have been applied: retryable, and the retries carry the same Idempotency-Keys.
    throw new AdapterError(`${where} answered ${res.status} without one result per operation (${ops.length})`, {
      retryable: true, status: res.status, code: 'HTTP_UNEXPECTED_BODY',
    });
  }
  return results.map((item: unknown) => {
    const r = item as BulkItem | null;
    if (!r || typeof r.status !== 'number') return new AdapterError(`${where}: a result without a status`, { retryable: true, code: 'HTTP_UNEXPECTED_BODY' });
    return { status: r.status, headers: {}, text: r.body === undefined || r.body === null ? '' : JSON.stringify(r.body) };
  });
}

/** An item read as the single request's answer: 2xx and the statuses the call handles itself pass, others throw. */
export function itemResult(result: HttpResult, passStatuses: readonly number[] | undefined, where: string): HttpResult {
  if ((result.status >= 200 && result.status < 300) || passStatuses?.includes(result.status)) return result;
  throw statusError(result.status, result.headers, result.text, where);
}
