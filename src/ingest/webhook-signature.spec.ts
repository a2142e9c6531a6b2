import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../common/domain-error';
import { signatureHeaders, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_z26D6c/fsLf59Yhs8OaDD7+d3LrtDwbD2xUZPdO80vU=';
const body = Buffer.from('{"type":"contacts.updated","timestamp":"2026-01-01T00:00:00Z","data":{"id":"c-1","name":"Zoë"}}');
const now = new Date('2026-01-01T00:00:10Z');
const ts = String(Math.floor(now.getTime() / 1000));

/** Independent of the library: the spec's formula written with node:crypto. */
function handSigned(secret: string, id: string, timestamp: string, payload: Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.`).update(payload).digest('base64')}`;
}

function verify(signature: string, overrides: { timestamp?: string; secret?: string; secrets?: string[]; tolerance?: number; payload?: Buffer } = {}) {
  return verifyWebhookSignature({
    systemKey: 'A', secrets: overrides.secrets ?? [overrides.secret ?? SECRET], rawBody: overrides.payload ?? body, toleranceSeconds: overrides.tolerance ?? 300, now,
    headers: { id: 'msg_1', timestamp: overrides.timestamp ?? ts, signature },
  });
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'NO_ERROR';
}

describe('verifyWebhookSignature', () => {
  it('accepts the reference library signature and a hand-computed one, returning the signed time', () => {
    const bySpec = handSigned(SECRET, 'msg_1', ts, body);
    expect(new Webhook(SECRET).sign('msg_1', now, body)).toBe(bySpec);
    expect(verify(bySpec)).toEqual(new Date(Number(ts) * 1000));
    expect(verify(new Webhook(SECRET).sign('msg_1', now, body))).toBeInstanceOf(Date);
  });

  it('computes the same signature as the reference library for any UTF-8 body and secret', () => {
    const texts = ['', '{}', 'Zoë Ωmega 日本 🙂', 'x'.repeat(70_000), JSON.stringify({ n: Array.from({ length: 300 }, (_, i) => i) })];
    for (const [i, text] of texts.entries()) {
      const secret = `whsec_${randomBytes(24 + i).toString('base64')}`;
      const payload = Buffer.from(text);
      const signed = new Webhook(secret).sign('msg_1', now, payload);
      expect(verify(signed, { secret, payload })).toEqual(new Date(Number(ts) * 1000));
      expect(codeOf(() => verify(signed, { secret, payload: Buffer.concat([payload, Buffer.from(' ')]) }))).toBe('SIGNATURE_INVALID');
    }
  });

  it('signs the body bytes as received, not a re-decoded string (a body that is not valid UTF-8)', () => {
    const payload = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(verify(handSigned(SECRET, 'msg_1', ts, payload), { payload })).toBeInstanceOf(Date);
    // The library decodes the bytes first, so invalid sequences become U+FFFD and its signature differs.
    expect(codeOf(() => verify(new Webhook(SECRET).sign('msg_1', now, payload), { payload }))).toBe('SIGNATURE_INVALID');
  });

  it('accepts any one valid entry among several (secret rotation), ignoring unknown versions', () => {
    const valid = handSigned(SECRET, 'msg_1', ts, body);
    expect(() => verify(`v1,${'A'.repeat(44)} v2,abc ${valid}`)).not.toThrow();
    expect(() => verify(`${handSigned(OTHER, 'msg_1', ts, body)} ${valid}`)).not.toThrow();
  });

  it('accepts a signature by any configured secret during a rotation, and none by a secret no longer listed', () => {
    const other = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
    const signedByNew = handSigned(other, 'msg_1', ts, body);
    expect(verify(signedByNew, { secrets: [SECRET, other] })).toEqual(new Date(Number(ts) * 1000));
    expect(verify(handSigned(SECRET, 'msg_1', ts, body), { secrets: [SECRET, other] })).toEqual(new Date(Number(ts) * 1000));
    expect(codeOf(() => verify(signedByNew, { secrets: [SECRET] }))).toBe('SIGNATURE_INVALID');
  });

  it('refuses a wrong secret, a changed body, another id and a non-v1 prefix', () => {
    expect(codeOf(() => verify(handSigned(OTHER, 'msg_1', ts, body)))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verify(handSigned(SECRET, 'msg_1', ts, body), { payload: Buffer.from(`${body.toString()} `) }))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verify(handSigned(SECRET, 'msg_2', ts, body)))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verify(handSigned(SECRET, 'msg_1', ts, body).replace('v1,', 'v2,')))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verify(''))).toBe('SIGNATURE_INVALID');
  });

  it('refuses timestamps outside the configured tolerance in both directions, before any signature work', () => {
    const old = String(Number(ts) - 301);
    const future = String(Number(ts) + 301);
    expect(codeOf(() => verify(handSigned(SECRET, 'msg_1', old, body), { timestamp: old }))).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    expect(codeOf(() => verify(handSigned(SECRET, 'msg_1', future, body), { timestamp: future }))).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    const edge = String(Number(ts) - 300);
    expect(codeOf(() => verify(handSigned(SECRET, 'msg_1', edge, body), { timestamp: edge }))).toBe('NO_ERROR');
    // a wider window is honoured (the library's own verify() would refuse this one)
    const tenMinutes = String(Number(ts) - 600);
    expect(codeOf(() => verify(handSigned(SECRET, 'msg_1', tenMinutes, body), { timestamp: tenMinutes, tolerance: 900 }))).toBe('NO_ERROR');
  });

  it('refuses a timestamp that is not integer seconds, and a secret that is not base64', () => {
    expect(codeOf(() => verify('v1,x', { timestamp: '2026-01-01T00:00:00Z' }))).toBe('SIGNATURE_HEADERS_INVALID');
    // milliseconds are the usual sender mistake: say so rather than "too far in the future"
    expect(codeOf(() => verify('v1,x', { timestamp: `${ts}000` }))).toBe('SIGNATURE_HEADERS_INVALID');
    expect(codeOf(() => verify('v1,x', { secret: 'whsec_!!!' }))).toBe('WEBHOOK_SECRET_INVALID');
  });
});

describe('signatureHeaders', () => {
  it('reads webhook-* headers, falls back to svix-*, and prefers webhook-*', () => {
    expect(signatureHeaders({ 'webhook-id': 'a', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' })).toEqual({ id: 'a', timestamp: '1', signature: 'v1,x' });
    expect(signatureHeaders({ 'svix-id': 'b', 'svix-timestamp': '2', 'svix-signature': 'v1,y' })).toEqual({ id: 'b', timestamp: '2', signature: 'v1,y' });
    expect(signatureHeaders({ 'webhook-id': 'a', 'svix-id': 'b', 'svix-timestamp': '2', 'svix-signature': 'v1,y' }).id).toBe('a');
  });

  it('names every missing header', () => {
    try {
      signatureHeaders({ 'webhook-id': 'a', 'webhook-signature': '  ' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'SIGNATURE_HEADERS_MISSING', kind: 'unauthorized' });
      expect((e as DomainError).details.map((d) => d.path)).toEqual(['webhook-timestamp', 'webhook-signature']);
    }
  });
});
