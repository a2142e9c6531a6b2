import { expect } from 'vitest';
import type { TestHub } from './test-hub';

export type Role = 'admin' | 'steward' | 'viewer';
export type Auth = { Authorization: string };

/** One key per role: the admin key the hub started with, and a steward's and a viewer's issued through the API. */
export interface RoleKeys {
  admin: Auth;
  steward: Auth;
  viewer: Auth;
}

/** Issues an API key of `role` through the admin API; returns its Authorization header. */
export async function issueKey(hub: TestHub, role: Role, name = `${role}-key`): Promise<Auth> {
  return { Authorization: `Bearer ${await issueRawKey(hub, role, name)}` };
}

/** The key itself, for callers that send it otherwise (x-api-key, a browser's login form). */
export async function issueRawKey(hub: TestHub, role: Role, name = `${role}-key`): Promise<string> {
  const res = await hub.http.post('/api/api-keys').set(hub.auth).send({ name, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.key as string;
}

/** Keys named `steward-<suffix>` and `viewer-<suffix>` (actors `key:steward-<suffix>` in versions and audits). */
export async function roleKeys(hub: TestHub, suffix: string): Promise<RoleKeys> {
  return {
    admin: hub.auth,
    steward: await issueKey(hub, 'steward', `steward-${suffix}`),
    viewer: await issueKey(hub, 'viewer', `viewer-${suffix}`),
  };
}
