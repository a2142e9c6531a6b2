import Big from 'big.js';
import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CanonicalRecord, ResolvedEntityType } from '../catalog/catalog.types';
import { systemEntitySchema } from '../config/hub-config.schema';
import { mapInbound } from './inbound.mapper';
import { checkMappingConfig } from './mapping-config.check';
import type { MappingContext } from './mapping.types';
import { currencyDigits } from './money.codec';
import { mapOutbound } from './outbound.mapper';

/**
 * An ERP-like system: snake_case, nested paths, dd/MM/yyyy, Berlin local times, cents, codes, Y/N flags, and
 * order items mapped field by field (nested `fields`), some in the customer's currency (`^.currency`).
 */
const customer: ResolvedEntityType = {
  name: 'customer',
  fields: {
    email: { type: 'email' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    birthDate: { type: 'date' },
    lastSeen: { type: 'datetime' },
    createdAt: { type: 'datetime' },
    balance: { type: 'money' },
    creditLimit: { type: 'money', currency: 'JPY' },
    status: { type: 'enum', values: ['active', 'inactive', 'blocked'] },
    phone: { type: 'phone', defaultCountry: 'GB' },
    mobile: { type: 'phone', defaultCountry: 'GB' },
    newsletter: { type: 'boolean' },
    vip: { type: 'boolean' },
    discount: { type: 'decimal' },
    score: { type: 'decimal' },
    visits: { type: 'integer' },
    tags: { type: 'list', items: { type: 'enum', values: ['gift', 'rush', 'vip'] } },
    favourites: {
      type: 'list',
      items: { type: 'object', fields: { sku: { type: 'string' }, quantity: { type: 'integer' }, price: { type: 'money', currency: 'EUR' } } },
    },
    account: { type: 'reference', entity: 'account' },
    ssn: { type: 'string', sensitive: true },
    purchases: {
      type: 'list',
      items: {
        type: 'object',
        fields: {
          sku: { type: 'string' },
          quantity: { type: 'integer' },
          price: { type: 'money' },
          fee: { type: 'money' },
          paidOn: { type: 'date' },
          state: { type: 'enum', values: ['open', 'done'] },
          gift: { type: 'boolean' },
          dims: { type: 'object', fields: { weight: { type: 'decimal' } } },
          cost: { type: 'decimal', sensitive: true },
        },
      },
    },
  },
  matchOn: [['email']],
  precedence: [],
  fieldPrecedence: {},
  strategy: 'merge',
  deletePolicy: 'tombstone',
};

const ZONE = 'Europe/Berlin';
const LOCAL_PATTERN = 'dd/MM/yyyy HH:mm:ss';
const ACCOUNTS = Array.from({ length: 20 }, (_, i) => ({ golden: `0b6c0000-0000-4000-8000-${String(i).padStart(12, '0')}`, external: 7000 + i }));

const ctx: MappingContext = {
  system: 'ERP',
  entityType: customer,
  references: {
    toGoldenId: (system, entityType, id) => ACCOUNTS.find((a) => system === 'ERP' && entityType === 'account' && String(a.external) === id)?.golden,
    toExternalId: (system, entityType, id) => {
      const found = ACCOUNTS.find((a) => system === 'ERP' && entityType === 'account' && a.golden === id);
      return found && String(found.external);
    },
  },
  mapping: systemEntitySchema.parse({
    name: 'customers',
    id: 'customer_id',
    fields: {
      email: 'contact.email',
      firstName: 'first_name',
      lastName: 'name.last',
      birthDate: { field: 'birth_date', format: 'dd/MM/yyyy' },
      lastSeen: { field: 'last_seen', format: LOCAL_PATTERN, timezone: ZONE },
      createdAt: { field: 'created', format: 'epochMillis' },
      balance: { field: 'balance_cents', money: { unit: 'minor', currencyField: 'currency' } },
      creditLimit: { field: 'credit_yen', money: { unit: 'minor' } },
      status: { field: 'state', values: { active: 'A', inactive: 'I', blocked: 'B' } },
      phone: 'tel',
      mobile: { field: 'mobile', format: 'national' },
      newsletter: 'newsletter',
      vip: { field: 'vip', values: { true: 'Y', false: 'N' } },
      discount: 'discount',
      score: { field: 'score', format: 'number' },
      visits: 'visits',
      tags: { field: 'labels', values: { gift: 'G', rush: 'R', vip: 'V' } },
      favourites: 'favourites',
      account: { field: 'account_id', format: 'number' },
      ssn: 'ssn',
      // nested: renames, a path inside the item, formats, the item's own currency and the customer's (^.)
      purchases: {
        field: 'orders',
        fields: {
          sku: 'item.code',
          quantity: { field: 'qty', format: 'string' },
          price: { field: 'price_cents', money: { unit: 'minor', currencyField: 'ccy' } },
          fee: { field: 'fee_cents', money: { unit: 'minor', currencyField: '^.currency' } },
          paidOn: { field: 'paid', format: 'dd/MM/yyyy' },
          state: { field: 's', values: { open: 'O', done: 'D' } },
          gift: { field: 'gift', values: { true: 'Y', false: 'N' } },
          dims: { field: 'dimensions', fields: { weight: { field: 'kg', format: 'number' } } },
          cost: 'cost',
        },
      },
    },
  }),
};

const PHONES = getCountries().flatMap((country) => getExampleNumber(country, examples)?.number ?? []);
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'KWD', 'CLF'];
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2099, 11, 31, 23, 59, 59, 999);

// A local time in a DST fall-back hour names two instants; without an offset no mapping can keep both apart.
const unambiguousInBerlin = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).getPossibleOffsets().length === 1;

const phoneArb = fc.tuple(fc.constantFrom(...PHONES), fc.integer({ min: 0, max: 99 }))
  .map(([phone, tail]) => phone.slice(0, -2) + String(tail).padStart(2, '0'))
  .filter((phone) => parsePhoneNumberFromString(phone)?.isValid() === true);
const instantArb = fc.integer({ min: MIN_MS, max: MAX_MS });
const secondInstantArb = instantArb.map((ms) => ms - (((ms % 1000) + 1000) % 1000)).filter(unambiguousInBerlin);
const dateArb = instantArb.map((ms) => new Date(ms).toISOString().slice(0, 10));
const minorArb = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const decimalArb = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
  .map(([digits, scale]) => new Big(digits.toString()).div(new Big(10).pow(scale)).toFixed());
const moneyArb = (currencies: string[]) => fc.tuple(minorArb, fc.constantFrom(...currencies)).map(([minor, currency]) => {
  const digits = currencyDigits(currency)!;
  return { amount: new Big(minor.toString()).div(new Big(10).pow(digits)).toFixed(digits), currency };
});
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 8 });
const weightArb = fc.integer({ min: -1e9, max: 1e9 }).map((n) => new Big(n).div(100).toFixed());
const safeMinorArb = minorArb.map(Number).filter(Number.isSafeInteger);

const canonicalArb: fc.Arbitrary<CanonicalRecord> = fc.record({
  email: nullable(fc.emailAddress().map((e) => e.toLowerCase())),
  firstName: nullable(fc.string()),
  lastName: nullable(fc.string()),
  birthDate: nullable(dateArb),
  lastSeen: nullable(secondInstantArb.map((ms) => new Date(ms).toISOString())),
  createdAt: nullable(instantArb.map((ms) => new Date(ms).toISOString())),
  balance: nullable(moneyArb(CURRENCIES)),
  creditLimit: nullable(moneyArb(['JPY'])),
  status: nullable(fc.constantFrom('active', 'inactive', 'blocked')),
  phone: nullable(phoneArb),
  mobile: nullable(phoneArb),
  newsletter: nullable(fc.boolean()),
  vip: nullable(fc.boolean()),
  discount: nullable(decimalArb),
  score: nullable(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)).map((d) => new Big(d).toFixed())),
  visits: nullable(fc.maxSafeInteger()),
  tags: nullable(fc.array(fc.constantFrom('gift', 'rush', 'vip'), { maxLength: 4 })),
  favourites: nullable(fc.array(fc.record(
    { sku: nullable(fc.string()), quantity: nullable(fc.integer()), price: nullable(moneyArb(['EUR', 'JPY'])) },
    { requiredKeys: [] },
  ), { maxLength: 3 })),
  account: nullable(fc.constantFrom(...ACCOUNTS.map((a) => a.golden))),
  ssn: nullable(fc.string()),
}, { requiredKeys: [] }).chain((record) => {
  // Fees share the customer's currency field (^.currency), so they come in the balance's currency.
  const balance = record.balance as { currency: string } | null | undefined;
  const purchases = (balance ? fc.constant(balance.currency) : fc.constantFrom(...CURRENCIES))
    .chain((currency) => fc.array(nullable(fc.record({
      sku: nullable(fc.string()), quantity: nullable(fc.integer()), price: nullable(moneyArb(CURRENCIES)),
      fee: nullable(moneyArb([currency])), paidOn: nullable(dateArb), state: nullable(fc.constantFrom('open', 'done')),
      gift: nullable(fc.boolean()), dims: nullable(fc.record({ weight: nullable(weightArb) }, { requiredKeys: [] })), cost: nullable(decimalArb),
    }, { requiredKeys: [] })), { maxLength: 3 }));
  return fc.option(nullable(purchases), { nil: undefined, freq: 4 })
    .map((list) => (list === undefined ? record : { ...record, purchases: list }));
});

/** Local wall-clock strings built from parts; times that do not exist or repeat in Berlin are not generated. */
const localTimeArb = fc.record({
  year: fc.integer({ min: 1900, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }), second: fc.integer({ min: 0, max: 59 }),
}).map((parts) => DateTime.fromObject(parts, { zone: ZONE }))
  .filter((dt) => dt.isValid && dt.getPossibleOffsets().length === 1 && unambiguousInBerlin(dt.toMillis()))
  .map((dt) => dt.toFormat(LOCAL_PATTERN));

const nationalOrInternational = (e164: string) => {
  const phone = parsePhoneNumberFromString(e164)!;
  return phone.country === 'GB' ? phone.formatNational() : phone.formatInternational();
};

const toDayMonthYear = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('dd/MM/yyyy');

/** System records in the system's own normal form (what it would send back after storing our values). */
const systemArb = fc.record({
  customer_id: fc.integer({ min: 1 }),
  unmapped_field: fc.string(),
  contact: fc.record({ email: nullable(fc.emailAddress().map((e) => e.toLowerCase())) }),
  first_name: nullable(fc.string()),
  name: fc.record({ last: nullable(fc.string()) }),
  birth_date: nullable(dateArb.map(toDayMonthYear)),
  last_seen: nullable(localTimeArb),
  created: nullable(instantArb),
  credit_yen: nullable(minorArb.map(Number).filter(Number.isSafeInteger)),
  state: nullable(fc.constantFrom('A', 'I', 'B')),
  tel: nullable(phoneArb),
  mobile: nullable(phoneArb.map(nationalOrInternational)),
  newsletter: nullable(fc.boolean()),
  vip: nullable(fc.constantFrom('Y', 'N')),
  discount: nullable(decimalArb),
  score: nullable(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0))),
  visits: nullable(fc.maxSafeInteger()),
  labels: nullable(fc.array(fc.constantFrom('G', 'R', 'V'), { maxLength: 4 })),
  favourites: nullable(fc.array(fc.record(
    { sku: nullable(fc.string()), quantity: nullable(fc.integer()), price: nullable(moneyArb(['EUR', 'JPY'])) },
    { requiredKeys: [] },
  ), { maxLength: 3 })),
  account_id: nullable(fc.constantFrom(...ACCOUNTS.map((a) => a.external))),
  ssn: nullable(fc.string()),
}, { requiredKeys: ['customer_id', 'unmapped_field'] }).chain((record) =>
  // Amount and currency travel together: both present, both null, or both absent.
  fc.oneof(
    fc.constant(record),
    fc.constant({ ...record, balance_cents: null, currency: null }),
    fc.tuple(minorArb.map(Number).filter(Number.isSafeInteger), fc.constantFrom(...CURRENCIES))
      .map(([cents, currency]) => ({ ...record, balance_cents: cents, currency })),
  )).chain((record) => {
  // Items in the system's form; fees need the customer's currency (^.currency) to be read.
  const hasCurrency = typeof (record as { currency?: unknown }).currency === 'string';
  const item = fc.record({
    item: fc.record({ code: nullable(fc.string()) }), qty: nullable(fc.integer().map(String)), note: fc.string(),
    fee_cents: hasCurrency ? nullable(safeMinorArb) : fc.constant(null), paid: nullable(dateArb.map(toDayMonthYear)),
    s: nullable(fc.constantFrom('O', 'D')), gift: nullable(fc.constantFrom('Y', 'N')),
    dimensions: nullable(fc.record({ kg: nullable(weightArb.map(Number)) }, { requiredKeys: [] })),
  }, { requiredKeys: ['note'] }).chain((it) => fc.oneof(
    fc.constant(it),
    fc.constant({ ...it, price_cents: null, ccy: null }),
    fc.tuple(safeMinorArb, fc.constantFrom(...CURRENCIES)).map(([cents, ccy]) => ({ ...it, price_cents: cents, ccy })),
  ));
  return fc.option(nullable(fc.array(nullable(item), { maxLength: 3 })), { nil: undefined, freq: 4 })
    .map((orders) => (orders === undefined ? record : { ...record, orders }));
});

function without<T extends Record<string, unknown>>(record: T, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** The same inside each object item of a list field. */
function withoutInItems(record: Record<string, unknown>, list: string, ...keys: string[]): Record<string, unknown> {
  const items = record[list];
  if (!Array.isArray(items)) return record;
  return { ...record, [list]: items.map((item: Record<string, unknown> | null) => (item === null ? null : without(item, ...keys))) };
}

describe('round trips over a realistic mapping', () => {
  it('the mapping itself passes the configuration check', () => {
    expect(checkMappingConfig(ctx.mapping, customer)).toEqual([]);
    expect(PHONES.length).toBeGreaterThan(200);
  });

  it('mapInbound(mapOutbound(x)) equals x on every field the system may receive', () => {
    fc.assert(fc.property(canonicalArb, (canonical) => {
      const out = mapOutbound(ctx, canonical);
      expect(out.errors).toEqual([]);
      expect(out.record).not.toHaveProperty('ssn');
      const back = mapInbound(ctx, out.record);
      expect(back.errors).toEqual([]);
      expect(back.record).toEqual(withoutInItems(without(canonical, 'ssn'), 'purchases', 'cost'));
    }), { numRuns: 400 });
    // 400 generated records take about a second alone; the room is for a machine busy with the e2e files.
  }, 30_000);

  it('mapOutbound(mapInbound(y)) equals y apart from the id, unmapped and sensitive fields (also inside items)', () => {
    fc.assert(fc.property(systemArb, (system) => {
      const inbound = mapInbound(ctx, system);
      expect(inbound.errors).toEqual([]);
      const out = mapOutbound(ctx, inbound.record);
      expect(out.errors).toEqual([]);
      expect(out.record).toEqual(withoutInItems(without(system, 'customer_id', 'unmapped_field', 'ssn'), 'orders', 'note'));
    }), { numRuns: 400 });
  });
});
