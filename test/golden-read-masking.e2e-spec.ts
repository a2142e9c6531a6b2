import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADA, EMP, IBAN, seedGoldenRead, SSN1, SSN2, writeEmployeeConfig } from './golden-read.seed';
import { issueKey } from './support/api-keys';
import { gqlAs } from './support/graphql';
import { startTestHub, type TestHub } from './support/test-hub';

const M = '***';
const EVERYTHING = `id data
  lineage { field value }
  sources { system data }
  versions { nodes { version data changes cause } }
  atVersion(version: 2) { data changes cause }
  asOf(at: "2026-01-02T12:00:00Z") { data }
  diff(from: 1, to: 2)
  conflicts { field values winningValue }`;

describe('sensitive fields are masked for every role but admin', () => {
  let hub: TestHub;
  let viewer: Record<string, string>;
  let adaConflicts: { firstName: string; ssn: string };

  beforeAll(async () => {
    hub = await startTestHub({ HUB_WORKERS: 'off', HUB_CONFIG: writeEmployeeConfig() });
    ({ adaConflicts } = await seedGoldenRead(hub.sql));
    viewer = await issueKey(hub, 'viewer', 'golden-read-viewer');
  });
  afterAll(async () => {
    await hub?.close();
  });

  const ada = (headers: Record<string, string>) => gqlAs(hub, headers, `{ goldenRecord(id: "${ADA}") { ${EVERYTHING} } }`);

  it('masks data, lineage, sources, versions, diffs, causes and conflict values for a viewer', async () => {
    const res = await ada(viewer);
    expect(res.errors).toBeUndefined();
    const g = res.data.goldenRecord;
    // No sensitive value anywhere in the answer, whatever the path it came through.
    expect(JSON.stringify(res)).not.toMatch(new RegExp(`${SSN1}|${SSN2}`));

    expect(g.data).toMatchObject({ ssn: M, firstName: 'Adah', email: 'ada@example.com' });
    expect(g.lineage.find((l: { field: string }) => l.field === 'ssn').value).toBe(M);
    expect(g.lineage.find((l: { field: string }) => l.field === 'firstName').value).toBe('Adah');
    expect(g.sources[0].data).toMatchObject({ ssn: M, firstName: 'Ada' });
    expect(g.versions.nodes.map((v: { data: { ssn: string } }) => v.data.ssn)).toEqual([M, M, M]);
    expect(g.versions.nodes[1].changes).toContainEqual({ op: 'replace', path: '/ssn', value: M });
    expect(g.versions.nodes[1].changes).toContainEqual({ op: 'replace', path: '/firstName', value: 'Adah' });
    expect(g.versions.nodes[1].cause.decisions).toContainEqual({ field: 'ssn', rule: 'merge', outcome: 'set', system: 'B', previous: M, value: M });
    expect(g.versions.nodes[1].cause.decisions).toContainEqual(expect.objectContaining({ field: 'firstName', previous: 'Ada', value: 'Adah' }));
    expect(g.atVersion.data.ssn).toBe(M);
    expect(g.asOf.data.ssn).toBe(M);
    expect(g.diff).toContainEqual({ op: 'replace', path: '/ssn', value: M });
    const ssnConflict = g.conflicts.find((c: { field: string }) => c.field === 'ssn');
    expect(ssnConflict.values.map((v: { system: string; value: string }) => [v.system, v.value])).toEqual([['A', M], ['B', M]]);
    expect(g.conflicts.find((c: { field: string }) => c.field === 'firstName').values[0].value).toBe('Ada');
  });

  it('shows the real values to an admin', async () => {
    const g = (await ada(hub.auth)).data.goldenRecord;
    expect(g.data.ssn).toBe(SSN2);
    expect(g.lineage.find((l: { field: string }) => l.field === 'ssn').value).toBe(SSN2);
    expect(g.versions.nodes[0].data.ssn).toBe(SSN1);
    expect(g.diff).toContainEqual({ op: 'replace', path: '/ssn', value: SSN2 });
    expect(g.versions.nodes[1].cause.decisions).toContainEqual(expect.objectContaining({ field: 'ssn', previous: SSN1, value: SSN2 }));
    expect(g.conflicts.find((c: { field: string }) => c.field === 'ssn').values[0].value).toBe(SSN1);
  });

  it('masks nested and money sensitive fields of a configured entity type', async () => {
    const q = `{ goldenRecord(id: "${EMP}") { data versions { nodes { changes } } } }`;
    const seen = (await gqlAs(hub, viewer, q)).data.goldenRecord;
    expect(seen.data).toEqual({ name: 'Grace', salary: M, bank: { iban: M, bankName: 'BNP' } });
    expect(seen.versions.nodes[0].changes).toEqual(expect.arrayContaining([
      { op: 'add', path: '/bank', value: { iban: M, bankName: 'BNP' } }, { op: 'add', path: '/salary', value: M },
    ]));
    expect(JSON.stringify(seen)).not.toMatch(/5000|FR7630/);
    const full = (await gqlAs(hub, hub.auth, q)).data.goldenRecord;
    expect(full.data.bank.iban).toBe(IBAN);
  });

  it('masks lists and the top-level conflict list for a viewer, not for an admin', async () => {
    const listQ = `{ goldenRecords(entityType: "contact", first: 100) { nodes { data } } }`;
    const nodes = (await gqlAs(hub, viewer, listQ)).data.goldenRecords.nodes;
    expect(nodes.length).toBeGreaterThan(20);
    expect(nodes.every((n: { data: { ssn: string } }) => n.data.ssn === M)).toBe(true);

    const conflictQ = `query($id: ID!) { conflict(id: $id) { values winningValue } conflicts(status: open) { nodes { field values } } }`;
    const asViewer = (await gqlAs(hub, viewer, conflictQ, { id: adaConflicts.ssn })).data;
    expect(asViewer.conflict.values.map((v: { value: string }) => v.value)).toEqual([M, M]);
    expect(JSON.stringify(asViewer)).not.toMatch(new RegExp(`${SSN1}|${SSN2}`));
    const asAdmin = (await gqlAs(hub, hub.auth, conflictQ, { id: adaConflicts.ssn })).data;
    expect(asAdmin.conflict.values.map((v: { value: string }) => v.value)).toEqual([SSN1, SSN2]);
  });

  it('refuses a viewer’s filter on a sensitive field (an oracle for the masked value), allows an admin’s', async () => {
    const q = `{ goldenRecords(entityType: "contact", filter: { ssn: "${SSN2}" }) { nodes { id } } }`;
    const denied = await gqlAs(hub, viewer, q);
    expect(denied.errors?.[0]?.extensions?.code).toBe('INVALID_FILTER');
    expect((await gqlAs(hub, hub.auth, q)).data.goldenRecords.nodes).toEqual([{ id: ADA }]);
  });

  it('masks the REST mirrors the same way', async () => {
    const paths = [
      `/api/golden-records/contact/${ADA}`, `/api/golden-records/contact/${ADA}/versions`, `/api/golden-records/contact/${ADA}/versions/2`,
      `/api/golden-records/contact/${ADA}/as-of?at=2026-01-05T00:00:00Z`, `/api/golden-records/contact/${ADA}/diff?from=1&to=2`,
      `/api/golden-records/contact?first=100`, `/api/conflicts/${adaConflicts.ssn}`, `/api/conflicts?first=100`,
    ];
    for (const path of paths) {
      const seen = await hub.http.get(path).set(viewer);
      expect(seen.status, path).toBe(200);
      expect(seen.text, path).not.toMatch(new RegExp(`${SSN1}|${SSN2}`));
      expect(seen.text, path).toContain(M);
      const full = await hub.http.get(path).set(hub.auth);
      expect(full.text, path).toMatch(new RegExp(`${SSN1}|${SSN2}`));
    }
    const denied = await hub.http.get('/api/golden-records/contact').query({ filter: JSON.stringify({ ssn: SSN2 }) }).set(viewer);
    expect([denied.status, denied.body.error.code, denied.body.error.details[0].path]).toEqual([400, 'INVALID_FILTER', 'ssn']);
  });
});
