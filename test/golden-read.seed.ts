import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compare } from 'fast-json-patch';
import type pg from 'pg';

/**
 * Rows for the golden read e2e tests, written straight into the tables the pipeline owns, so the read side is
 * tested on its own. Times are fixed so as-of reads and ordering are exact.
 */
export const T = {
  v1: '2026-01-01T10:00:00.000Z',
  v2: '2026-01-02T10:00:00.000Z',
  v3: '2026-01-03T10:00:00.000Z',
};
export const ADA = 'a0000000-0000-4000-8000-000000000001';
export const EMP = 'e0000000-0000-4000-8000-000000000001';
export const INV = 'b0000000-0000-4000-8000-000000000001';
export const SSN1 = '123-45-6789';
export const SSN2 = '987-65-4321';
export const IBAN = 'FR7630006000011234567890189';

export const ADA_V: Record<string, unknown>[] = [
  { email: 'ada@example.com', firstName: 'Ada', ssn: SSN1 },
  { email: 'ada@example.com', firstName: 'Adah', ssn: SSN2, phone: '+442071838750' },
  { email: 'ada@example.com', firstName: 'Adah', ssn: SSN2, phone: '+442071838750', status: 'active', address: { city: 'London', country: 'GB' } },
];

export const BULK = 24;
export const BULK_DELETED = 'bulk-05@example.com';

/** An extra entity type with nested and money sensitive fields, loaded through HUB_CONFIG. */
export function writeEmployeeConfig(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'golden-read-')), 'hub.config.json');
  writeFileSync(file, JSON.stringify({
    entities: {
      employee: {
        matchOn: ['name'],
        fields: {
          name: { type: 'string', required: true },
          salary: { type: 'money', sensitive: true },
          bank: { type: 'object', fields: { iban: { type: 'string', sensitive: true }, bankName: { type: 'string' } } },
        },
      },
    },
  }));
  return file;
}

async function version(sql: pg.Pool, id: string, n: number, data: unknown, prev: unknown, cause: unknown, at: string, deleted = false) {
  await sql.query(
    `INSERT INTO golden_version (golden_id, version, deleted, data, diff, cause, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, n, deleted, data, JSON.stringify(compare(prev as object, data as object)), cause, at],
  );
}

async function conflict(sql: pg.Pool, c: {
  id?: string; golden: string; type: string; field: string; status: string; rule: string;
  candidates: unknown[]; winner?: string | null; winning?: unknown; version?: number; at: string; resolvedBy?: string;
}) {
  const id = c.id ?? randomUUID();
  await sql.query(
    `INSERT INTO conflict (id, golden_id, entity_type, field, status, rule, candidates, winner, winning_value, golden_version,
                           created_at, resolved_at, resolved_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [id, c.golden, c.type, c.field, c.status, c.rule, JSON.stringify(c.candidates), c.winner ?? null,
      c.winning === undefined ? null : JSON.stringify(c.winning), c.version ?? null, c.at,
      c.status === 'resolved' ? c.at : null, c.resolvedBy ?? null],
  );
  return id;
}

export async function seedGoldenRead(sql: pg.Pool): Promise<{ adaConflicts: { firstName: string; ssn: string } }> {
  const ada3 = ADA_V[2];
  const lineage = {
    email: { value: 'ada@example.com', system: 'A', rule: 'merge', updatedAt: T.v1 },
    firstName: { value: 'Adah', system: 'B', rule: 'merge:precedence', updatedAt: T.v2, sourceAt: T.v2 },
    ssn: { value: SSN2, system: 'B', rule: 'merge', updatedAt: T.v2 },
    phone: { value: '+442071838750', system: 'B', rule: 'merge', updatedAt: T.v2 },
    status: { value: 'active', system: 'steward', rule: 'override', updatedAt: T.v3 },
    address: { value: ada3.address, system: 'steward', rule: 'override', updatedAt: T.v3 },
  };
  await sql.query(
    `INSERT INTO golden_record (id, entity_type, version, data, lineage, created_at, updated_at) VALUES ($1, 'contact', 3, $2, $3, $4, $5)`,
    [ADA, ada3, lineage, T.v1, T.v3],
  );
  await version(sql, ADA, 1, ADA_V[0], {}, {
    kind: 'event', eventId: 'evt-1', system: 'A',
    decisions: [{ field: 'ssn', rule: 'merge', outcome: 'set', system: 'A', previous: null, value: SSN1 }],
  }, T.v1);
  await version(sql, ADA, 2, ADA_V[1], ADA_V[0], {
    kind: 'event', eventId: 'evt-2', system: 'B',
    decisions: [{ field: 'ssn', rule: 'merge', outcome: 'set', system: 'B', previous: SSN1, value: SSN2 },
      { field: 'firstName', rule: 'merge:precedence', outcome: 'conflict_won', system: 'B', previous: 'Ada', value: 'Adah' }],
  }, T.v2);
  await version(sql, ADA, 3, ADA_V[2], ADA_V[1], { kind: 'steward', actor: 'key:steward-1', action: 'override' }, T.v3);
  await sql.query(
    `INSERT INTO xref (system, entity_type, external_id, golden_id, created_at) VALUES ('A', 'contact', 'a-1', $1, $2), ('B', 'contact', 'b-1', $1, $3)`,
    [ADA, T.v1, T.v2],
  );
  await sql.query(
    `INSERT INTO source_record (system, entity_type, external_id, golden_id, data, source_updated_at) VALUES ('A', 'contact', 'a-1', $1, $2, $3)`,
    [ADA, ADA_V[0], T.v1],
  );
  const firstName = await conflict(sql, {
    golden: ADA, type: 'contact', field: 'firstName', status: 'auto_resolved', rule: 'merge:precedence',
    candidates: [{ system: 'A', value: 'Ada', at: T.v1 }, { system: 'B', value: 'Adah', at: T.v2 }],
    winner: 'B', winning: 'Adah', version: 2, at: T.v2,
  });
  const ssn = await conflict(sql, {
    golden: ADA, type: 'contact', field: 'ssn', status: 'open', rule: 'manual',
    candidates: [{ system: 'A', value: SSN1, at: T.v1 }, { system: 'B', value: SSN2, at: T.v2 }], version: 2, at: '2026-01-02T10:00:01.000Z',
  });

  // Bulk contacts for paging and filters; one tombstoned.
  const bulkIds: string[] = [];
  for (let i = 0; i < BULK; i++) {
    const id = randomUUID();
    bulkIds.push(id);
    const email = `bulk-${String(i).padStart(2, '0')}@example.com`;
    const data = { email, status: i % 2 === 0 ? 'active' : 'inactive', address: { country: i % 3 === 0 ? 'FR' : 'DE', city: `C${i}` }, ssn: `bulk-ssn-${i}` };
    const deleted = email === BULK_DELETED;
    await sql.query(`INSERT INTO golden_record (id, entity_type, version, deleted, data) VALUES ($1, 'contact', 1, $2, $3)`, [id, deleted, data]);
    await version(sql, id, 1, data, {}, { kind: 'event', system: 'A' }, T.v1, deleted);
  }
  // Conflicts for paging: batches share a created_at so the id tiebreak matters.
  for (let i = 0; i < 11; i++) {
    await conflict(sql, {
      golden: bulkIds[i], type: 'contact', field: 'status', status: i % 3 === 0 ? 'open' : i % 3 === 1 ? 'auto_resolved' : 'resolved',
      rule: 'merge:precedence', candidates: [{ system: 'A', value: 'active', at: T.v1 }, { system: 'B', value: 'inactive', at: T.v1 }],
      winner: 'A', winning: 'active', version: 1, at: `2026-02-0${1 + (i % 4)}T08:00:00.123456Z`, resolvedBy: i % 3 === 2 ? 'key:steward-1' : undefined,
    });
  }

  await sql.query(`INSERT INTO golden_record (id, entity_type, version, data) VALUES ($1, 'inventory', 1, $2)`, [INV, { sku: 'SKU-1', quantity: 3 }]);
  await version(sql, INV, 1, { sku: 'SKU-1', quantity: 3 }, {}, { kind: 'event', system: 'C' }, T.v1);
  await conflict(sql, {
    golden: INV, type: 'inventory', field: 'quantity', status: 'open', rule: 'manual',
    candidates: [{ system: 'A', value: 3, at: T.v1 }, { system: 'C', value: 4, at: T.v1 }], at: '2026-03-01T00:00:00Z',
  });

  const emp = { name: 'Grace', salary: { amount: '5000.00', currency: 'EUR' }, bank: { iban: IBAN, bankName: 'BNP' } };
  await sql.query(`INSERT INTO golden_record (id, entity_type, version, data) VALUES ($1, 'employee', 1, $2)`, [EMP, emp]);
  await version(sql, EMP, 1, emp, {}, { kind: 'event', system: 'A' }, T.v1);
  return { adaConflicts: { firstName, ssn } };
}

