import { Webhook } from 'standardwebhooks';

/** Synthetic contacts in each system's own shape (bench-config.yaml), and Standard Webhooks signing. */

export const SECRETS = {
  A: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  B: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
} as const;
export type SystemKey = keyof typeof SECRETS;

export interface Person {
  n: number;
  firstName: string;
  lastName: string;
  phone: string;
}

export function person(n: number, variant = 0): Person {
  return {
    n,
    firstName: `First${n}v${variant}`,
    lastName: `Last${n}v${variant}`,
    phone: `+336${String(10_000_000 + ((n * 7 + variant * 13) % 89_999_999)).slice(0, 8)}`,
  };
}

export function email(n: number): string {
  return `person${n}@example.org`;
}

/** The system's own record for person n. */
export function recordFor(system: SystemKey, p: Person): Record<string, unknown> {
  if (system === 'A') {
    return { id: `a-${p.n}`, email: email(p.n), firstName: p.firstName, lastName: p.lastName, phone: p.phone, birthDate: '1980-04-02', updatedAt: new Date().toISOString() };
  }
  return { customer_id: `b-${p.n}`, email_address: email(p.n), first_name: p.firstName, last_name: p.lastName, phone_number: p.phone, birth_date: '02/04/1980', state: 'A' };
}

export function entityName(system: SystemKey): string {
  return system === 'A' ? 'contacts' : 'customers';
}

export interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export function sign(system: SystemKey, path: string, body: string, id: string): SignedRequest {
  const at = new Date();
  return {
    path,
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRETS[system]).sign(id, at, body),
    },
  };
}

export interface BatchEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export function signedBatch(system: SystemKey, events: BatchEvent[], id: string): SignedRequest {
  return sign(system, `/webhooks/${system}/batch`, JSON.stringify({ events }), id);
}

/** Posts a signed batch from this process (setup only, never timed). */
export async function postBatch(baseUrl: string, system: SystemKey, events: BatchEvent[], id: string): Promise<void> {
  const req = signedBatch(system, events, id);
  const res = await fetch(baseUrl + req.path, { method: 'POST', headers: req.headers, body: req.body });
  if (res.status !== 202) throw new Error(`batch refused: ${res.status} ${(await res.text()).slice(0, 500)}`);
}
