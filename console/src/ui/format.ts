/** Display helpers shared by the pages: pure functions, unit-tested. */

const EMPTY = '—';

/** A canonical value as a steward reads it: strings as they are, money as "12.30 EUR", empty as a dash. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isMoney(value)) return `${value.amount} ${value.currency}`;
  return JSON.stringify(value);
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago"; the exact time goes in a title or <time>. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (Number.isNaN(seconds)) return iso;
  if (seconds < 45) return 'just now';
  const units: [number, string][] = [[60, 'minute'], [3600, 'hour'], [86400, 'day'], [2592000, 'month'], [31536000, 'year']];
  let chosen = units[0];
  for (const u of units) if (seconds >= u[0]) chosen = u;
  const n = Math.max(1, Math.round(seconds / chosen[0]));
  return `${n} ${chosen[1]}${n === 1 ? '' : 's'} ago`;
}

/** An exact time in the steward's locale, for titles and timelines. */
export function exactTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * A short name for a golden record from its values: a person's name and e-mail, or the first identifying field an
 * entity type usually has. Masked values ("***") are never used as a name.
 */
export function recordLabel(data: unknown, fallbackId: string): string {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof d[k] === 'string' && d[k] !== MASKED && (d[k] as string).trim() !== '' ? (d[k] as string) : null);
  const person = [text('firstName'), text('lastName')].filter(Boolean).join(' ');
  const name = person || text('displayName') || text('name');
  const key = text('email') || text('username') || text('sku') || text('orderNumber');
  if (name && key) return `${name} <${key}>`;
  return name || key || `record ${fallbackId.slice(0, 8)}`;
}

/**
 * What a steward typed, as the canonical value of a field of `type`: text for text-like types (empty = null, the
 * field left empty), numbers for integer, true/false for boolean, JSON for money, lists and objects.
 * Throws an Error with a message for the form when the text cannot be that type.
 */
export function parseEnteredValue(text: string, type: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  switch (type) {
    case 'integer': {
      if (!/^-?\d+$/.test(t)) throw new Error('Enter a whole number.');
      return Number(t);
    }
    case 'decimal':
      if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error('Enter a decimal number such as 12.5.');
      return t;
    case 'boolean':
      if (t === 'true' || t === 'false') return t === 'true';
      throw new Error('Enter true or false.');
    case 'money':
    case 'list':
    case 'object':
      try {
        return JSON.parse(t) as unknown;
      } catch {
        throw new Error(type === 'money' ? 'Enter JSON such as {"amount": "12.30", "currency": "EUR"}.' : 'Enter valid JSON.');
      }
    default:
      return t;
  }
}

/** What a masked (sensitive) value reads as for non-admins. */
export const MASKED = '***';

/** The text a value is edited as (the inverse of parseEnteredValue); a masked value starts empty, never as "***". */
export function editableText(value: unknown): string {
  if (value === null || value === undefined || value === MASKED) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isMoney(v: unknown): v is { amount: string; currency: string } {
  return typeof v === 'object' && v !== null && typeof (v as { amount?: unknown }).amount === 'string'
    && typeof (v as { currency?: unknown }).currency === 'string' && Object.keys(v).length === 2;
}

/** "1 dead letter", "2 dead letters"; `plural` for words that do not just take an s. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
