import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SECRETS } from './webhooks';

/**
 * The pipeline fixture's two contact systems (A = CRM, both directions, wins; B = ERP, inbound only), with
 * lastName left to stewards so a conflict stays open: what the observability and status-page specs watch.
 */
export const CONTACT_SYSTEMS_CONFIG = `
entities:
  contact:
    precedence: [A, B]
    fields:
      lastName: { type: string, strategy: manual }
systems:
  A:
    name: CRM
    direction: both
    webhookSecret: ${SECRETS.A}
    entities:
      contact:
        name: contacts
        id: id
        fields: { email: email, firstName: firstName, lastName: lastName, birthDate: { field: birthDate, format: yyyy-MM-dd } }
  B:
    name: ERP
    direction: in
    webhookSecret: ${SECRETS.B}
    entities:
      contact:
        name: customers
        id: customer_id
        fields: { email: email_address, firstName: first_name, lastName: last_name, phone: phone_number }
`;

/** Writes a configuration document to a temporary file; `remove` deletes its folder. */
export function writeConfigFile(yaml: string, prefix = 'hub-config-'): { file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const file = path.join(dir, 'hub.config.yaml');
  writeFileSync(file, yaml);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
