import { describe, expect, it } from 'vitest';
import { payloadHash } from '../../golden-records/domain/payload-hash';
import { mapInbound } from '../../mapping/inbound.mapper';
import { mapOutbound } from '../../mapping/outbound.mapper';
import { binding, deliveryTestConfig } from '../testing/delivery-config.fixture';
import { echoHash, echoProjection, hubOnlyProjection, outboundProjection } from './echo-projection';

const active = deliveryTestConfig();
const golden = {
  email: 'ada@example.com', firstName: 'Ada', ssn: '123', status: 'active', notes: 'VIP', phone: '+442071838750',
  address: { city: 'London', secret: 'x' }, lastName: 'Lovelace',
};

describe('projections of a golden record for one system', () => {
  it('outbound: what the system is sent, never sensitive values (at any depth) nor unmapped fields', () => {
    expect(outboundProjection(binding(active, 'A'), golden)).toEqual({ email: 'ada@example.com', firstName: 'Ada', address: { city: 'London' } });
    // B: phone is inbound only, notes outbound only
    expect(outboundProjection(binding(active, 'B'), golden)).toEqual({ email: 'ada@example.com', firstName: 'Ada', status: 'active', notes: 'VIP' });
  });

  it('echo: only the fields the system maps both ways; hub-only: the rest of what it is sent', () => {
    expect(echoProjection(binding(active, 'B'), golden)).toEqual({ email: 'ada@example.com', firstName: 'Ada', status: 'active' });
    expect(hubOnlyProjection(binding(active, 'B'), golden)).toEqual({ notes: 'VIP' });
    // a system that never sends back has no echo
    expect(echoProjection(binding(active, 'W'), golden)).toEqual({});
    expect(hubOnlyProjection(binding(active, 'W'), golden)).toEqual({ email: 'ada@example.com', firstName: 'Ada' });
  });

  it('an unchanged echo of what was sent hashes like what was sent, whatever the key order or extra inbound fields', () => {
    const b = binding(active, 'B');
    const ctx = { system: 'B', entityType: b.entityType, mapping: b.mapping };
    const sent = mapOutbound(ctx, golden).record;
    const echoed = mapInbound(ctx, { ...sent, phone_number: '+44 20 7183 8750', customer_id: 'b-1' }).record;
    expect(echoHash(b, echoed)).toBe(echoHash(b, golden));
    expect(echoHash(b, { ...echoed, firstName: 'Adah' })).not.toBe(echoHash(b, golden));
    expect(echoHash(b, golden)).toBe(payloadHash({ status: 'active', firstName: 'Ada', email: 'ada@example.com' }));
  });

  it('absent fields stay absent; null is a value', () => {
    expect(echoProjection(binding(active, 'B'), { email: 'x@example.com', firstName: null })).toEqual({ email: 'x@example.com', firstName: null });
  });
});
