import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ConsoleFile {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * The built console (Vite's output: index.html and hashed files under assets/), read into memory once: it is a few
 * hundred kilobytes, and serving from memory keeps the controller free of any HTTP platform's static-file plumbing.
 */
export function loadConsoleFiles(dir: string): Map<string, ConsoleFile> | null {
  if (!existsSync(path.join(dir, 'index.html'))) return null;
  const files = new Map<string, ConsoleFile>();
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      const full = path.join(dir, rel);
      if (statSync(full).isDirectory()) walk(rel);
      else files.set(rel, { body: readFileSync(full), type: TYPES[path.extname(name)] ?? 'application/octet-stream' });
    }
  };
  walk('');
  return files;
}

/**
 * `dist/console` under the package root. Found by walking up to package.json, so the compiled hub (dist/src/…) and
 * the tests running the sources (src/…) both find the same build.
 */
export function defaultConsoleDir(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dist', 'console');
    if (path.dirname(dir) === dir) return path.resolve('dist', 'console');
  }
}
