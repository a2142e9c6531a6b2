import type { EntityTypeConfig, FieldDef } from '../config/hub-config.schema';

/**
 * The entity types every hub knows without configuration. `config.entities.<name>` overrides a field by
 * name or adds fields; see resolveEntityTypes.
 *
 * Decisions:
 * - No source timestamps (updatedAt, lastLoginAt) as canonical fields: they change on every write in every
 *   system, so they would make each change a golden change and a conflict. A system's last-modified field
 *   is its polling watermark (systems.<s>.entities.<e>.updatedAt); the hub keeps its own times in versions.
 * - No separate order `currency`: every money value carries its own ISO 4217 code ({ amount, currency }),
 *   so a second currency field could only disagree with it.
 * - Identifier fields (orderNumber, sku, username) are trimmed but keep their case; case is folded only in
 *   match keys (match-keys.ts), so each system keeps the spelling it sent while `ab-1` and `AB-1` still
 *   match. Emails are lower-case in their canonical form anyway.
 */

const name: FieldDef = { type: 'string', trim: true, maxLength: 200 };
const countryCode: FieldDef = {
  type: 'string', trim: true, case: 'upper', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 code',
};

const address: FieldDef = {
  type: 'object',
  fields: {
    line1: { type: 'string', trim: true, maxLength: 200 },
    line2: { type: 'string', trim: true, maxLength: 200 },
    city: { type: 'string', trim: true, maxLength: 100 },
    region: { type: 'string', trim: true, maxLength: 100, description: 'state, county or province' },
    postalCode: { type: 'string', trim: true, maxLength: 20 },
    country: countryCode,
  },
};

const contact: EntityTypeConfig = {
  description: 'A person a business deals with (CRM contact, ERP customer).',
  matchOn: ['email'],
  fields: {
    email: { type: 'email', required: true },
    firstName: name,
    lastName: name,
    phone: { type: 'phone' },
    birthDate: { type: 'date' },
    company: name,
    jobTitle: name,
    status: { type: 'enum', values: ['active', 'inactive'] },
    address,
    ssn: { type: 'string', sensitive: true, trim: true, description: 'national identification number' },
    notes: { type: 'text' },
  },
};

const orderLine: FieldDef = {
  type: 'object',
  fields: {
    sku: { type: 'string', required: true, trim: true, maxLength: 64 },
    description: { type: 'string', trim: true, maxLength: 500 },
    // Zero is allowed for free or cancelled lines; returns are separate orders, not negative lines.
    quantity: { type: 'integer', required: true, min: 0 },
    unitPrice: { type: 'money' },
  },
};

const order: EntityTypeConfig = {
  description: 'A sales order (ERP, web shop).',
  matchOn: ['orderNumber'],
  fields: {
    orderNumber: { type: 'string', required: true, trim: true, maxLength: 64 },
    contact: { type: 'reference', entity: 'contact' },
    orderDate: { type: 'datetime' },
    status: { type: 'enum', values: ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'] },
    lines: { type: 'list', items: orderLine },
    total: { type: 'money' },
    shippingAddress: address,
    notes: { type: 'text' },
  },
};

const inventory: EntityTypeConfig = {
  description: 'A stock-keeping unit and its stock (warehouse, ERP).',
  matchOn: ['sku'],
  fields: {
    sku: { type: 'string', required: true, trim: true, maxLength: 64 },
    name: { type: 'string', trim: true, maxLength: 200 },
    description: { type: 'text' },
    // Negative stock is a real state in warehouse systems (oversold), so no min.
    quantity: { type: 'integer' },
    location: { type: 'string', trim: true, maxLength: 100 },
    price: { type: 'money', min: 0 },
  },
};

const user: EntityTypeConfig = {
  description: 'An account in an identity provider or application.',
  matchOn: ['username', 'email'],
  fields: {
    username: { type: 'string', required: true, trim: true, maxLength: 128 },
    email: { type: 'email' },
    displayName: name,
    roles: { type: 'list', items: { type: 'string', trim: true, maxLength: 64 } },
    active: { type: 'boolean' },
  },
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Frozen: resolveEntityTypes hands out copies, so nothing downstream can change the defaults by accident. */
export const BUILTIN_ENTITY_TYPES: Record<string, EntityTypeConfig> = deepFreeze({ contact, order, inventory, user });
