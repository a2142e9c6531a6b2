import { describe, expect, it } from 'vitest';
import { parsePhone } from './phone-numbers';

describe('parsePhone', () => {
  it('reads E.164 and national forms, and tells valid numbers from merely parsable ones', () => {
    expect(parsePhone('+4915112345678')).toMatchObject({ valid: true, phone: { number: '+4915112345678' } });
    expect(parsePhone('030 12345678', 'DE')).toMatchObject({ valid: true, phone: { number: '+493012345678' } });
    expect(parsePhone('+49 1')).toBeUndefined();
    expect(parsePhone('+1 555 0000')).toMatchObject({ valid: false });
    expect(parsePhone('not a phone')).toBeUndefined();
  });

  it('remembers each text per default country: a national form means a different number in another country', () => {
    expect(parsePhone('030 12345678', 'DE')?.phone.number).toBe('+493012345678');
    expect(parsePhone('030 12345678', 'AT')?.phone.number).toBe('+433012345678');
    expect(parsePhone('030 12345678')).toBeUndefined();
    // Asked again, in another order: the same answers.
    expect(parsePhone('030 12345678')).toBeUndefined();
    expect(parsePhone('030 12345678', 'AT')?.phone.number).toBe('+433012345678');
    expect(parsePhone('030 12345678', 'DE')?.phone.number).toBe('+493012345678');
  });
});
