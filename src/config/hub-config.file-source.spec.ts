import { describe, expect, it } from 'vitest';
import { decideFileLoad } from './hub-config.file-source';

const v1 = { systems: { A: {} }, entities: { contact: { precedence: ['A'] } } };
const v2 = { systems: { A: {} }, entities: { contact: { precedence: ['A'], strategy: 'latest' } } };
const v3 = { systems: { A: {} }, entities: { contact: { precedence: ['A'], strategy: 'manual' } } };
const file = (version: number, document: unknown) => ({ version, document, source: 'file:/etc/hub.yaml' });
const api = (version: number, document: unknown) => ({ version, document, source: 'api' });

describe('decideFileLoad: which configuration a start with HUB_CONFIG puts in force', () => {
  it.each([
    ['nothing stored: the file becomes version 1', { fileDoc: v1 }, { kind: 'store' }],
    ['the newest version is the file\'s document (key order aside): nothing stored', { fileDoc: { entities: v1.entities, systems: v1.systems }, latest: file(1, v1), lastFromFile: file(1, v1) }, { kind: 'current', version: 1 }],
    ['file unchanged, an API change since: the API version stays', { fileDoc: v1, latest: api(2, v2), lastFromFile: file(1, v1) }, { kind: 'keep', version: 2, fileVersion: 1 }],
    ['file changed, the newest version is the file\'s: stored', { fileDoc: v2, latest: file(1, v1), lastFromFile: file(1, v1) }, { kind: 'store' }],
    ['file changed, an API change since: refused', { fileDoc: v3, latest: api(2, v2), lastFromFile: file(1, v1) }, { kind: 'refuse', apiVersion: 2, fileVersion: 1 }],
    ['… unless HUB_CONFIG_OVERWRITE=true', { fileDoc: v3, latest: api(2, v2), lastFromFile: file(1, v1), overwrite: true }, { kind: 'store', overwrites: 2 }],
    ['file changed into the API version (exported): nothing stored', { fileDoc: v2, latest: api(2, v2), lastFromFile: file(1, v1) }, { kind: 'current', version: 2 }],
    ['configured through the API only, then a file is given: refused', { fileDoc: v1, latest: api(3, v2) }, { kind: 'refuse', apiVersion: 3 }],
    ['API versions older than the file\'s last one do not count', { fileDoc: v3, latest: file(3, v2), lastFromFile: file(3, v2) }, { kind: 'store' }],
  ])('%s', (_, input, expected) => {
    expect(decideFileLoad({ overwrite: false, ...input })).toEqual(expected);
  });
});
