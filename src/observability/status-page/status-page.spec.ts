import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { STATUS_PAGE_HTML } from './status-page.html';
import { STATUS_PAGE_JS } from './status-page.script';
import { STATUS_PAGE_CSS } from './status-page.styles';

describe('status page assets', () => {
  it('the script is valid JavaScript', () => {
    expect(() => new Script(STATUS_PAGE_JS, { filename: 'status/app.js' })).not.toThrow();
  });

  it('loads nothing from another origin', () => {
    for (const asset of [STATUS_PAGE_HTML, STATUS_PAGE_JS, STATUS_PAGE_CSS]) expect(asset).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    expect(STATUS_PAGE_HTML).toContain('src="/status/app.js"');
    expect(STATUS_PAGE_HTML).toContain('href="/status/app.css"');
  });

  it('has no inline script or style the page CSP would block', () => {
    expect(STATUS_PAGE_HTML).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(STATUS_PAGE_HTML).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('writes data as text, never as markup', () => {
    expect(STATUS_PAGE_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('keeps the key in sessionStorage and sends it as a bearer header, not in the URL', () => {
    expect(STATUS_PAGE_JS).toContain('sessionStorage');
    expect(STATUS_PAGE_JS).not.toContain('localStorage');
    expect(STATUS_PAGE_JS).toContain("Authorization: 'Bearer ' + key");
    expect(STATUS_PAGE_JS).not.toMatch(/\?key=|[?&]api[-_]?key=/i);
  });

  it('every element the script looks up exists in the page', () => {
    const ids = [...STATUS_PAGE_JS.matchAll(/\$\('([a-z-]+)'\)/g)].map((m) => m[1]);
    const show = [...STATUS_PAGE_JS.matchAll(/(?:show|message)\('([a-z-]+)'/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of new Set([...ids, ...show])) expect(STATUS_PAGE_HTML, `#${id}`).toContain(`id="${id}"`);
  });
});
