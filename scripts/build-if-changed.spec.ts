import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BuildStep, runSteps } from './build-if-changed.mjs';

describe('build if inputs changed', () => {
  let root: string;
  const step: BuildStep = { name: 'app', command: 'build app', inputs: ['src', 'tsconfig.json'], outputs: ['dist/app.js'], stamp: 'dist/.stamps/app' };
  const built: string[] = [];
  const build = (opts: { force?: boolean } = {}) =>
    runSteps({ root, steps: [step], log: () => undefined, ...opts, run: (command) => {
      built.push(command);
      mkdirSync(path.join(root, 'dist'), { recursive: true });
      writeFileSync(path.join(root, 'dist/app.js'), '');
    } });

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'build-if-changed-'));
    mkdirSync(path.join(root, 'src/nested'), { recursive: true });
    writeFileSync(path.join(root, 'src/a.ts'), 'a');
    writeFileSync(path.join(root, 'src/nested/b.ts'), 'b');
    writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    built.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds once, then only when an input file changes, is added or is removed', () => {
    expect(build()).toEqual(['app']);
    expect(build()).toEqual([]);
    writeFileSync(path.join(root, 'src/nested/b.ts'), 'b2');
    expect(build()).toEqual(['app']);
    expect(build()).toEqual([]);
    writeFileSync(path.join(root, 'src/c.ts'), 'c');
    expect(build()).toEqual(['app']);
    rmSync(path.join(root, 'src/c.ts'));
    expect(build()).toEqual(['app']);
    writeFileSync(path.join(root, 'tsconfig.json'), '{"strict":true}');
    expect(build()).toEqual(['app']);
    expect(built).toEqual(Array(5).fill('build app'));
  });

  it('builds again when an output is missing, and always with force', () => {
    build();
    rmSync(path.join(root, 'dist/app.js'));
    expect(build()).toEqual(['app']);
    expect(build({ force: true })).toEqual(['app']);
    expect(build()).toEqual([]);
  });
});
