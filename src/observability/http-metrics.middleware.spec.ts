import { describe, expect, it } from 'vitest';
import { routeLabel, UNMATCHED_ROUTE } from './http-metrics.middleware';

describe('routeLabel', () => {
  it('uses the matched route pattern, never the URL', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/api/conflicts/:id' } })).toBe('/api/conflicts/:id');
    expect(routeLabel({ baseUrl: '/api', route: { path: '/status' } })).toBe('/api/status');
  });

  it('labels a mounted app by its mount path', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/graphql{/*splat}' } })).toBe('/graphql');
    expect(routeLabel({ baseUrl: '/graphql', route: undefined })).toBe('/graphql');
  });

  it('puts requests no handler took under one label', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '{/*splat}' } })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ baseUrl: '', route: { path: '/*path' } })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ baseUrl: '', route: undefined })).toBe(UNMATCHED_ROUTE);
  });

  it('keeps the root route', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/' } })).toBe('/');
  });
});
