import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { IngestError } from './ingest.errors';

/**
 * Standard Webhooks signature check: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the system's
 * whsec_ secret, several space-separated signatures allowed (secret rotation), svix-* names accepted.
 *
 * The reference library (standardwebhooks) decodes and checks each secret. Its verify() is not used because it
 * hard-codes a 5-minute window and reports the timestamp before the signature with untyped errors; our window is
 * a setting (HUB_WEBHOOK_TOLERANCE_SECONDS) and each refusal needs its own stable code. Nor is its sign(): it
 * computes the HMAC in JavaScript (fast-sha256) after decoding the body to a string and encoding it again, about
 * 8 % of the hub's CPU per single webhook (bench/RESULTS.md §14). node:crypto computes the same HMAC natively over
 * the raw bytes; the spec checks it against the library's sign().
 */

export interface SignatureHeaders {
  id: string;
  timestamp: string;
  signature: string;
}

const HEADER_NAMES = { id: ['webhook-id', 'svix-id'], timestamp: ['webhook-timestamp', 'svix-timestamp'], signature: ['webhook-signature', 'svix-signature'] } as const;

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value.join(' ') : value;
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** Reads webhook-* (or svix-*) headers; throws SIGNATURE_HEADERS_MISSING naming what is absent. */
export function signatureHeaders(headers: IncomingHttpHeaders): SignatureHeaders {
  const pick = (names: readonly string[]) => names.map((n) => headerValue(headers[n])).find((v) => v !== undefined);
  const found = { id: pick(HEADER_NAMES.id), timestamp: pick(HEADER_NAMES.timestamp), signature: pick(HEADER_NAMES.signature) };
  const missing = (Object.keys(found) as (keyof SignatureHeaders)[]).filter((k) => found[k] === undefined);
  if (missing.length > 0) {
    throw new IngestError('SIGNATURE_HEADERS_MISSING', `missing signature headers: ${missing.map((k) => HEADER_NAMES[k][0]).join(', ')}`, 'unauthorized',
      missing.map((k) => ({ path: HEADER_NAMES[k][0], message: `send ${HEADER_NAMES[k][0]} (or ${HEADER_NAMES[k][1]})` })));
  }
  return found as SignatureHeaders;
}

// Decoding a secret is cheap but not free; a hub has a handful of secrets and many requests.
const keys = new Map<string, Buffer>();
const SECRET_PREFIX = 'whsec_';

function keyFor(secret: string, systemKey: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    try {
      // The library refuses what is not a whsec_<base64> secret (Buffer's decoder would skip bad characters).
      new Webhook(secret);
    } catch {
      throw new IngestError('WEBHOOK_SECRET_INVALID', `the webhook secret configured for system ${systemKey} is not a whsec_<base64> secret`, 'forbidden');
    }
    key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
    if (keys.size > 1000) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/** `v1,<base64 HMAC-SHA256(key, "id.timestamp." + body)>`, the body as received. */
function signatureOf(key: Buffer, id: string, timestampSeconds: number, rawBody: Buffer): Buffer {
  return Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.`).update(rawBody).digest('base64')}`);
}

export interface VerifyOptions {
  systemKey: string;
  /** every secret the system may sign with (two during a rotation); a signature by any of them is accepted */
  secrets: string[];
  headers: SignatureHeaders;
  rawBody: Buffer;
  toleranceSeconds: number;
  now?: Date;
}

/** Returns the signed send time. Throws SIGNATURE_HEADERS_INVALID, TIMESTAMP_OUT_OF_TOLERANCE or SIGNATURE_INVALID. */
export function verifyWebhookSignature(opts: VerifyOptions): Date {
  const { headers } = opts;
  if (!/^\d{1,12}$/.test(headers.timestamp)) {
    throw new IngestError('SIGNATURE_HEADERS_INVALID', 'webhook-timestamp must be the send time in whole seconds since the Unix epoch', 'unauthorized',
      [{ path: 'webhook-timestamp', message: 'integer seconds', value: headers.timestamp }]);
  }
  const signedAtSeconds = Number(headers.timestamp);
  const nowSeconds = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const skew = nowSeconds - signedAtSeconds;
  if (Math.abs(skew) > opts.toleranceSeconds) {
    throw new IngestError('TIMESTAMP_OUT_OF_TOLERANCE',
      `webhook-timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'in the past' : 'in the future'}; at most ${opts.toleranceSeconds} s is accepted`, 'unauthorized',
      [{ path: 'webhook-timestamp', message: skew > 0 ? 'too old' : 'too new', value: headers.timestamp }]);
  }
  const signedAt = new Date(signedAtSeconds * 1000);
  const candidates = headers.signature.split(' ').map((c) => Buffer.from(c));
  const matches = opts.secrets.some((secret) => {
    const expected = signatureOf(keyFor(secret, opts.systemKey), headers.id, signedAtSeconds, opts.rawBody);
    // Length is public (every v1 signature has the same length); the bytes are compared in constant time.
    return candidates.some((given) => given.length === expected.length && timingSafeEqual(given, expected));
  });
  if (!matches) {
    throw new IngestError('SIGNATURE_INVALID', 'no webhook-signature entry matches the body signed with any of the system\'s secrets', 'unauthorized');
  }
  return signedAt;
}
