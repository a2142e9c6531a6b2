import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConfigError, parseHubConfigText } from './hub-config.loader';
import { validateHubConfig } from './hub-config.validation';

const FULL = readFileSync(path.resolve(__dirname, '../../test/fixtures/config/full.yaml'), 'utf8');
const ENV = {
  SYSTEM_A_SECRET: 'whsec_ad18AAg5aWdZUwNc+mIv+bGhQXQvUYos',
  SYSTEM_B_SECRET: 'whsec_FmwzKdfV0atPZZ/ZqbpdJ+OflYU7kvqV',
  WAREHOUSE_DATABASE_URL: 'postgres://wh:s3cret-pw@db.internal:5432/warehouse',
  NOTIFY_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};

function fullDoc(): any {
  const parsed = parseHubConfigText(FULL);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.doc;
}

/** Validates a changed copy of the full example and returns its errors (failing if it was accepted). */
function errorsOf(change: (doc: any) => void, env: NodeJS.ProcessEnv = ENV): ConfigError[] {
  const doc = fullDoc();
  change(doc);
  const result = validateHubConfig(doc, env);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

const paths = (errors: ConfigError[]) => errors.map((e) => e.path);
const at = (errors: ConfigError[], p: string) => errors.filter((e) => e.path === p).map((e) => e.message);

describe('validateHubConfig: the full example', () => {
  it('accepts it, with env references resolved and built-ins merged', () => {
    const result = validateHubConfig(fullDoc(), ENV);
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    const { config, entityTypes } = result;
    expect(Object.keys(config.systems)).toEqual(['A', 'B', 'C', 'D']);
    expect(config.systems.A.webhookSecret).toBe(ENV.SYSTEM_A_SECRET);
    expect(config.systems.A.adapter).toMatchObject({ type: 'http', baseUrl: 'http://127.0.0.1:4001', headers: { Authorization: 'Bearer demo-token' } });
    expect(config.systems.C.adapter).toMatchObject({ type: 'postgres', url: ENV.WAREHOUSE_DATABASE_URL });
    expect(config.systems.A.entities.user.id).toBe('id'); // schema default
    expect(Object.keys(entityTypes).sort()).toEqual(['contact', 'inventory', 'order', 'supplier', 'user']);
    expect(entityTypes.contact.matchOn).toEqual([['email'], ['firstName', 'lastName', 'birthDate']]);
    expect(entityTypes.contact.fields.loyaltyTier).toEqual({ type: 'enum', values: ['bronze', 'silver', 'gold'] });
    expect(entityTypes.contact.fields.email.type).toBe('email'); // built-in field kept
    expect(entityTypes.contact.fieldPrecedence.phone.slice(0, 2)).toEqual(['B', 'A']);
    expect(entityTypes.order.strategy).toBe('precedence');
    expect(entityTypes.supplier.matchOn).toEqual([['vatNumber']]);
  });

  it('accepts an empty document (built-in entity types, no systems)', () => {
    const result = validateHubConfig({}, {});
    expect(result.ok && Object.keys(result.entityTypes).sort()).toEqual(['contact', 'inventory', 'order', 'user']);
  });
});

describe('validateHubConfig: each kind of error, by path', () => {
  it('unknown keys, named at their own path', () => {
    const errors = errorsOf((d) => {
      d.colour = 'blue';
      d.systems.A.adapter.retries = 3;
      d.systems.B.entities.contact.fields.birthDate.fromat = 'dd/MM/yyyy';
    });
    expect(at(errors, 'colour')).toEqual(['unknown key "colour"']);
    expect(at(errors, 'systems.A.adapter.retries')).toEqual(['unknown key "retries"']);
    expect(at(errors, 'systems.B.entities.contact.fields.birthDate.fromat')).toEqual(['unknown key "fromat"']);
  });

  it('wrong types, missing required keys and values outside a list', () => {
    const errors = errorsOf((d) => {
      d.systems.C.poll.pageSize = 'many';
      delete d.systems.A.entities.user.name;
      d.systems.A.direction = 'sideways';
      d.systems.D.adapter.type = 'ftp';
      d.entities.contact.fields.loyaltyTier.type = 'colour';
    });
    expect(at(errors, 'systems.C.poll.pageSize')).toEqual(['must be a number, got string "many"']);
    expect(at(errors, 'systems.A.entities.user.name')).toEqual(['is required (a string)']);
    expect(at(errors, 'systems.A.direction')).toEqual(['must be one of "in", "out", "both" (got "sideways")']);
    expect(at(errors, 'systems.D.adapter.type')).toEqual(['must be one of "http", "postgres", "webhook" (got "ftp")']);
    expect(at(errors, 'entities.contact.fields.loyaltyTier.type')[0]).toMatch(/^must be one of "string", .*\(got "colour"\)$/);
  });

  it('a field mapping written as a mapping is checked as one (not "expected string")', () => {
    const errors = errorsOf((d) => {
      d.systems.A.entities.contact.fields.phone = { fild: 'phone' };
    });
    expect(errors).toEqual([
      { path: 'systems.A.entities.contact.fields.phone.field', message: 'is required (a string)' },
      { path: 'systems.A.entities.contact.fields.phone.fild', message: 'unknown key "fild"' },
    ]);
  });

  it('a name that is not a valid identifier', () => {
    const errors = errorsOf((d) => {
      d.systems['9lives'] = { entities: {} };
    });
    expect(errors).toEqual([{ path: 'systems.9lives', message: 'invalid name: must start with a letter and use letters, digits, _ or -' }]);
  });

  it('an unknown system in a precedence list', () => {
    const errors = errorsOf((d) => {
      d.entities.contact.precedence = ['A', 'Z'];
      d.entities.contact.fieldPrecedence.phone = ['Q'];
    });
    expect(at(errors, 'entities.contact.precedence.1')).toEqual(['unknown system "Z" (known: A, B, C, D)']);
    expect(at(errors, 'entities.contact.fieldPrecedence.phone.0')).toEqual(['unknown system "Q" (known: A, B, C, D)']);
  });

  it('an unknown canonical field in a mapping, and an unknown entity type', () => {
    const errors = errorsOf((d) => {
      d.systems.A.entities.contact.fields.nickname = 'nick';
      d.systems.B.entities.invoice = { name: 'invoices', fields: {} };
    });
    expect(at(errors, 'systems.A.entities.contact.fields.nickname')[0]).toMatch(/unknown canonical field "nickname"/);
    expect(at(errors, 'systems.B.entities.invoice')[0]).toMatch(/^unknown entity type "invoice" \(known: contact, inventory, order, supplier, user\)$/);
  });

  it('a bad date pattern, with the mapping check\'s message', () => {
    const errors = errorsOf((d) => {
      d.systems.B.entities.contact.fields.birthDate.format = 'dd/mm/yy';
    });
    expect(paths(errors)).toEqual(['systems.B.entities.contact.fields.birthDate.format']);
    expect(errors[0].message).toMatch(/^unknown date pattern "dd\/mm\/yy"/);
  });

  it('bad durations', () => {
    const errors = errorsOf((d) => {
      d.systems.A.poll.every = '5 minutes';
      d.systems.B.adapter.timeout = '0s'; // B: A's own settings are broken by poll.every, so not checked further
      d.systems.B.delivery.backoff = '0ms';
    });
    expect(at(errors, 'systems.A.poll.every')).toEqual(['must be a duration such as 30s, 5m, 1h (got "5 minutes")']);
    expect(at(errors, 'systems.B.adapter.timeout')).toEqual(['must be greater than zero']);
    expect(at(errors, 'systems.B.delivery.backoff')).toEqual(['must be greater than zero']);
  });

  it('conditional writes need a version field on every entity of the system', () => {
    const errors = errorsOf((d) => {
      d.systems.B.adapter.conditionalWrites = true;
      delete d.systems.B.entities.contact.updatedAt;
    });
    // supplier never had an updatedAt in the example
    expect(paths(errors)).toEqual(['systems.B.entities.contact.version', 'systems.B.entities.supplier.version']);
    expect(errors[0].message).toMatch(/give version or updatedAt/);
    const accepted = fullDoc();
    accepted.systems.B.adapter.conditionalWrites = true;
    accepted.systems.B.entities.contact.version = 'revision';
    accepted.systems.B.entities.supplier.version = 'revision';
    delete accepted.systems.B.entities.contact.updatedAt;
    expect(validateHubConfig(accepted, ENV).ok).toBe(true);
  });

  it('bad cron expressions', () => {
    const errors = errorsOf((d) => {
      d.systems.B.schedule.cron = '61 2 * * *';
      d.systems.C.poll = { cron: 'every day' };
    });
    expect(at(errors, 'systems.B.schedule.cron')[0]).toMatch(/^invalid cron expression "61 2 \* \* \*": .*out of range/);
    expect(at(errors, 'systems.C.poll.cron')[0]).toMatch(/^invalid cron expression "every day"/);
  });

  it('an undefined environment variable, without follow-on errors for the unresolved text', () => {
    const { SYSTEM_B_SECRET: _b, WAREHOUSE_DATABASE_URL: _w, ...env } = ENV;
    const errors = errorsOf(() => undefined, env);
    expect(errors).toEqual([
      { path: 'systems.B.webhookSecret', message: 'environment variable SYSTEM_B_SECRET is not set (referenced as "${SYSTEM_B_SECRET}")' },
      { path: 'systems.C.adapter.url', message: 'environment variable WAREHOUSE_DATABASE_URL is not set (referenced as "${WAREHOUSE_DATABASE_URL}")' },
    ]);
  });

  it('never echoes a value taken from the environment', () => {
    const errors = errorsOf((d) => {
      d.systems.A.adapter.baseUrl = '${SYSTEM_A_URL}';
    }, { ...ENV, SYSTEM_A_URL: 'tok-9f8e7d6c5b' });
    expect(at(errors, 'systems.A.adapter.baseUrl')).toEqual(['Invalid URL (got "${SYSTEM_A_URL}")']);
    expect(JSON.stringify(errors)).not.toContain('tok-9f8e7d6c5b');
  });

  it('webhook secrets, adapters and polling that cannot work', () => {
    const errors = errorsOf((d) => {
      d.systems.A.webhookSecret = 'plain-secret';
      d.systems.C.adapter.url = 'mysql://wh@db.internal/warehouse';
      d.systems.D.direction = 'both';
      d.systems.D.adapter.secret = 'whsec_!!';
      delete d.systems.B.adapter;
      d.systems.B.poll = { every: '10m' };
      d.systems.B.entities.supplier.direction = 'out';
      d.systems.B.schedule = undefined;
      d.systems.D.schedule = { cron: '@hourly' };
    }, ENV);
    expect(at(errors, 'systems.A.webhookSecret')).toEqual(['must be a Standard Webhooks secret: "whsec_" followed by base64']);
    expect(at(errors, 'systems.C.adapter.url')[0]).toMatch(/^must be a PostgreSQL connection URL starting with postgres:\/\//);
    expect(at(errors, 'systems.D.direction')[0]).toMatch(/webhook adapter only sends notifications/);
    expect(at(errors, 'systems.D.adapter.secret')[0]).toMatch(/^must be a Standard Webhooks secret/);
    expect(at(errors, 'systems.B.poll')).toEqual(['polling needs an adapter to list changes from; add systems.B.adapter']);
    expect(errors.some((e) => e.path.startsWith('systems.B.entities.supplier.direction'))).toBe(false); // B is both
    expect(errors.some((e) => e.path === 'systems.D.schedule')).toBe(false); // D is both here
  });

  it('directions that contradict each other', () => {
    const errors = errorsOf((d) => {
      d.systems.A.direction = 'in';
      d.systems.A.entities.user.direction = 'out';
      d.systems.A.schedule = { cron: '0 * * * *' };
      d.systems.D.poll = { every: '1m' };
    });
    expect(at(errors, 'systems.A.entities.user.direction')).toEqual(['"out" is not possible for a system whose direction is "in"']);
    expect(at(errors, 'systems.A.schedule')[0]).toMatch(/direction is "in"/);
    expect(at(errors, 'systems.D.poll')[0]).toMatch(/direction is "out"/);
  });

  it('filters on unknown fields and two entity types under one system name', () => {
    const errors = errorsOf((d) => {
      d.systems.B.entities.contact.filter = { tier: 'gold' };
      d.systems.B.entities.inventory.name = 'orders';
    });
    expect(at(errors, 'systems.B.entities.contact.filter.tier')[0]).toMatch(/unknown canonical field "tier"/);
    expect(at(errors, 'systems.B.entities.inventory.name')[0]).toMatch(/"orders" is already the name of systems.B.entities.order/);
  });

  it('entity type errors from the catalog check, at their document path', () => {
    const errors = errorsOf((d) => {
      d.entities.supplier.matchOn = ['iban'];
    });
    expect(at(errors, 'entities.supplier.matchOn.0')[0]).toMatch(/unknown field "iban"/);
  });

  it('a document that is not a mapping', () => {
    expect(validateHubConfig(['a'], {})).toEqual({ ok: false, errors: [{ path: '(root)', message: 'must be a mapping, got a list' }] });
    expect(validateHubConfig(undefined, {})).toEqual({ ok: false, errors: [{ path: '(root)', message: 'is required (a mapping)' }] });
  });
});

describe('validateHubConfig: every error at once', () => {
  it('reports structural, environment and semantic errors together, sorted by path', () => {
    const { NOTIFY_SECRET: _n, ...env } = ENV;
    const errors = errorsOf((d) => {
      d.systems.A.poll.every = 'often'; // structural, in system A
      d.systems.B.entities.contact.fields.birthDate.format = 'dd/mm/yy'; // semantic, mapping
      d.systems.B.schedule.cron = 'nightly'; // semantic, system
      d.entities.contact.precedence = ['A', 'X']; // semantic, entity type
      d.systems.C.entities.inventory.fields.colour = 'colour'; // semantic, mapping
      d.unexpected = true; // structural, root
    }, env);
    expect(paths(errors)).toEqual([
      'entities.contact.precedence.1',
      'systems.A.poll.every',
      'systems.B.entities.contact.fields.birthDate.format',
      'systems.B.schedule.cron',
      'systems.C.entities.inventory.fields.colour',
      'systems.D.adapter.secret',
      'unexpected',
    ]);
  });

  it('a structurally broken entity type or system does not produce false errors elsewhere', () => {
    const errors = errorsOf((d) => {
      d.entities.supplier.fields.paymentTermsDays.type = 'days'; // supplier is left out of the checks…
      d.systems.A.adapter = { type: 'http' }; // …and system A's own settings are
    });
    // …but B's supplier mapping and A's precedence mentions are not reported as unknown.
    expect(paths(errors)).toEqual(['entities.supplier.fields.paymentTermsDays.type', 'systems.A.adapter.baseUrl']);
  });
});
