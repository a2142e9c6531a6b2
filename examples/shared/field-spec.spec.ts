import { describe, expect, it } from 'vitest';
import { checkField, checkObject, isValidDate } from './field-spec';

describe('isValidDate', () => {
  it.each([
    ['2024-02-29', 'yyyy-MM-dd', true],
    ['2023-02-29', 'yyyy-MM-dd', false],
    ['2024-13-01', 'yyyy-MM-dd', false],
    ['2024-1-01', 'yyyy-MM-dd', false],
    ['0099-01-01', 'yyyy-MM-dd', true],
    ['29/02/2024', 'dd/MM/yyyy', true],
    ['31/04/2024', 'dd/MM/yyyy', false],
    ['1/1/2024', 'dd/MM/yyyy', false],
    ['2024-01-01', 'dd/MM/yyyy', false],
    ['01/01/2024', 'yyyy-MM-dd', false],
  ] as const)('%s as %s → %s', (value, format, valid) => {
    expect(isValidDate(value, format)).toBe(valid);
  });
});

describe('checkField', () => {
  it('lets null through unless required', () => {
    expect(checkField({ type: 'string' }, null, 'x')).toEqual([]);
    expect(checkField({ type: 'string', required: true }, null, 'x')).toEqual([{ field: 'x', message: 'is required' }]);
  });

  it('checks each type strictly', () => {
    expect(checkField({ type: 'integer', min: 0 }, 1.5, 'n')).toHaveLength(1);
    expect(checkField({ type: 'integer', min: 0 }, -1, 'n')).toEqual([{ field: 'n', message: 'must be at least 0' }]);
    expect(checkField({ type: 'integer' }, 2 ** 53, 'n')).toHaveLength(1);
    expect(checkField({ type: 'boolean' }, 'true', 'b')).toHaveLength(1);
    expect(checkField({ type: 'email' }, 'not-an-email', 'e')).toHaveLength(1);
    expect(checkField({ type: 'currency' }, 'EUR', 'c')).toEqual([]);
    expect(checkField({ type: 'string-list' }, ['a', 1], 'l')).toHaveLength(1);
    expect(checkField({ type: 'string', maxLength: 3 }, 'abcd', 's')).toHaveLength(1);
  });

  it('reports nested issues with their paths', () => {
    const items = { sku: { type: 'string', required: true }, qty: { type: 'integer', min: 1 } } as const;
    expect(checkField({ type: 'object-list', items }, [{ sku: 'A', qty: 1 }, { qty: 0, extra: 1 }], 'lines')).toEqual([
      { field: 'lines.1.extra', message: 'is not a known field' },
      { field: 'lines.1.sku', message: 'is required' },
      { field: 'lines.1.qty', message: 'must be at least 1' },
    ]);
    expect(checkObject(items, 'x', 'line')).toEqual([{ field: 'line', message: 'must be an object' }]);
  });
});
