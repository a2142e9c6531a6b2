export interface SystemResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A minimal JSON client for a running demo system (its API or its /_admin endpoints), for tests and
 * for scripts that drive systems started as separate processes.
 */
export async function callSystem<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<SystemResponse<T>> {
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A user edit in the system's UI, through POST /_admin/edit. */
export function editInSystem(
  baseUrl: string,
  edit: { entity: string; action: 'create' | 'update' | 'delete'; id?: string; data?: Record<string, unknown> },
): Promise<SystemResponse> {
  return callSystem(baseUrl, 'POST', '/_admin/edit', edit);
}
