import { STATUS_PAGE_PANELS_JS } from './status-page.panels';

/**
 * The status page's browser script (plain ES2020, no framework, no CDN). Every value is written with
 * textContent, never innerHTML: system names come from the configuration and must not become markup.
 * Kept as a string (String.raw, so no `${` or backtick inside) because the hub's build compiles for Node,
 * not for browsers; status-page.spec.ts parses it so a syntax error fails the unit tests.
 */
export const STATUS_PAGE_JS = String.raw`
(function () {
  'use strict';
  var KEY_STORAGE = 'mdh.status.apiKey';
  var REFRESH_MS = 10000;
  var STALE_QUEUE_SECONDS = 300;
  var $ = function (id) { return document.getElementById(id); };
  var numberFormat = new Intl.NumberFormat();
  var relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  var loading = false;
  var again = false;
  var lastSuccess = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs.text;
      else if (name === 'className') node.className = attrs.className;
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function n(value) { return value == null ? '—' : numberFormat.format(value); }

  function count(value, one, many) { return n(value) + ' ' + (value === 1 ? one : many); }

  function ms(value) {
    if (value == null) return '—';
    return value >= 1000 ? (value / 1000).toFixed(value >= 10000 ? 0 : 1) + ' s' : Math.round(value) + ' ms';
  }

  function ago(iso) {
    var seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
    var units = [['day', 86400], ['hour', 3600], ['minute', 60]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1]) return relative.format(Math.round(seconds / units[i][1]), units[i][0]);
    }
    return relative.format(seconds, 'second');
  }

  function time(iso) {
    return el('time', { datetime: iso, title: new Date(iso).toLocaleString(), text: ago(iso) });
  }

  function getKey() { try { return sessionStorage.getItem(KEY_STORAGE); } catch (e) { return null; } }
  function setKey(key) { try { sessionStorage.setItem(KEY_STORAGE, key); } catch (e) { /* private mode: key lives for this page only */ } }
  function forgetKey() { try { sessionStorage.removeItem(KEY_STORAGE); } catch (e) { /* nothing stored */ } }

  function show(id, visible) { $(id).hidden = !visible; }

  function message(id, text) {
    var node = $(id);
    node.textContent = text || '';
    node.hidden = !text;
  }

  function keyPanel() {
    var hasKey = Boolean(getKey());
    var formWasHidden = $('key-form').hidden;
    show('key-form', !hasKey);
    show('key-set', hasKey);
    // Focus only when the form comes back (key refused or forgotten), not on every refresh.
    if (!hasKey && formWasHidden) $('api-key').focus();
  }

  function clearData() {
    show('hub', false);
    show('jobs-section', false);
    show('alerts-section', false);
    show('throughput-section', false);
    show('systems-section', false);
    $('updated').textContent = '';
    lastSuccess = null;
  }

  function markStale() {
    var node = $('updated');
    if (!lastSuccess) { node.textContent = ''; return; }
    node.className = 'updated stale';
    node.textContent = 'Showing data from ' + lastSuccess.toLocaleTimeString() + ' — it could not be refreshed.';
  }

  function errorText(status, body, fallback) {
    var e = body && body.error;
    return 'HTTP ' + status + (e && e.code ? ' ' + e.code : '') + ': ' + ((e && e.message) || fallback);
  }

  async function readJson(res) { try { return await res.json(); } catch (e) { return null; } }

  async function loadHealth() {
    var node = $('health');
    try {
      var res = await fetch('/health', { cache: 'no-store' });
      var body = await readJson(res);
      var db = body && body.checks && body.checks.database;
      if (res.ok && body && body.status === 'ok') {
        node.className = 'health ok';
        node.textContent = 'Hub ready · database up' + (db && db.latencyMs != null ? ' (' + db.latencyMs + ' ms)' : '');
      } else {
        node.className = 'health bad';
        node.textContent = 'Hub NOT ready · database ' + ((db && db.status) || 'unknown') + (db && db.error ? ': ' + db.error : '');
      }
    } catch (e) {
      node.className = 'health bad';
      node.textContent = 'Hub unreachable';
    }
  }

  async function loadStatus() {
    var key = getKey();
    keyPanel();
    if (!key) {
      clearData();
      message('error', '');
      message('notice', 'Paste an API key with the viewer role to see the status of the systems.');
      return;
    }
    message('notice', '');
    var res;
    try {
      res = await fetch('/api/status', { cache: 'no-store', headers: { Authorization: 'Bearer ' + key, Accept: 'application/json' } });
    } catch (e) {
      message('error', 'The hub is unreachable (network error). Retrying every 10 seconds.');
      markStale();
      return;
    }
    var body = await readJson(res);
    if (res.status === 401 || res.status === 403) {
      forgetKey();
      keyPanel();
      clearData();
      message('error', (res.status === 401 ? 'The key was refused — ' : 'The key may not read the status — ') +
        errorText(res.status, body, 'unauthorized') + '. Paste another key.');
      return;
    }
    if (!res.ok || !body) {
      message('error', 'The hub could not give its status — ' + errorText(res.status, body, res.statusText || 'no answer') + '. Retrying every 10 seconds.');
      markStale();
      return;
    }
    message('error', '');
    render(body);
    lastSuccess = new Date();
    $('updated').className = 'updated';
    $('updated').textContent = 'Updated ' + lastSuccess.toLocaleTimeString() + ' · configuration version ' + body.configVersion + ' · refreshes every 10 seconds';
  }

  // A request made while a load runs (key pasted during the first load) is run after it, not dropped.
  async function load() {
    if (loading) { again = true; return; }
    loading = true;
    try {
      do {
        again = false;
        await Promise.all([loadHealth(), loadStatus()]);
      } while (again);
    } finally { loading = false; }
  }

  function render(report) {
    var hub = report.hub;
    $('hub-summary').textContent = count(hub.goldenRecords, 'golden record', 'golden records') + ' · ' +
      count(hub.versions, 'version', 'versions') + ' · ' + count(hub.openConflicts, 'open conflict', 'open conflicts') + ' · ' +
      count(hub.inboxPending, 'event', 'events') + ' waiting in the inbox';
    var rows = $('hub-rows');
    rows.replaceChildren.apply(rows, hub.entityTypes.map(function (t) {
      return el('tr', { 'data-entity-type': t.entityType }, [
        el('th', { scope: 'row', text: t.entityType }),
        el('td', { className: 'num', text: n(t.live) }),
        el('td', { className: 'num', text: n(t.deleted) }),
        el('td', { className: 'num', text: n(t.versions) }),
        el('td', { className: 'num', text: n(t.openConflicts) }),
      ]);
    }));
    var warnings = $('warnings');
    warnings.replaceChildren.apply(warnings, report.warnings.map(function (w) { return el('li', { text: 'Partial data: ' + w }); }));
    warnings.hidden = report.warnings.length === 0;
    show('hub', true);
    renderAlerts(report.alerts);
    renderThroughput(report.throughput || []);
    renderJobs(report.jobs || []);

    var systems = $('systems');
    systems.replaceChildren.apply(systems, report.systems.map(renderSystem));
    show('systems-empty', report.systems.length === 0);
    show('systems-section', true);
  }

` + STATUS_PAGE_PANELS_JS + String.raw`
  function state(s) {
    var oldest = s.queue.oldestPendingAt ? (Date.now() - Date.parse(s.queue.oldestPendingAt)) / 1000 : 0;
    var runBad = s.lastRun && (s.lastRun.status === 'failed' || s.lastRun.status === 'aborted');
    if (s.errors24h.failed > 0 || (s.errors24h.deadDeliveries || 0) > 0 || (s.errors24h.failingDeliveries || 0) > 0 ||
      (s.queue.outboxPaused || 0) > 0 || runBad || oldest > STALE_QUEUE_SECONDS) {
      return ['problem', 'Problem'];
    }
    if (s.errors24h.total > 0 || s.openConflicts > 0 || s.queue.total > 0) return ['attention', 'Needs attention'];
    return ['ok', 'OK'];
  }

  var SYNC_SOURCES = { sync_run: 'sync run finished ', inbox: 'event applied ', delivery: 'delivery acknowledged ' };

  var DIRECTIONS = { in: 'into the hub', out: 'out of the hub', both: 'both ways' };

  function row(label, field, value, detail) {
    var shown = typeof value === 'string' ? el('span', { className: 'value', text: value }) : value;
    var cell = el('td', { 'data-field': field }, [shown]);
    if (detail) cell.appendChild(typeof detail === 'string' ? el('span', { className: 'detail', text: detail }) : detail);
    return el('tr', {}, [el('th', { scope: 'row', text: label }), cell]);
  }

  function renderSystem(s) {
    var headingId = 'system-' + s.key;
    var badge = state(s);
    var e = s.errors24h;
    var errorParts = [listLink(s, 'rejectedEvents', n(e.rejected) + ' rejected'), n(e.failed) + ' failed'];
    if (e.failedRuns != null) errorParts.push(listLink(s, 'syncRuns', count(e.failedRuns, 'failed or aborted sync run', 'failed or aborted sync runs')));
    if (e.failingDeliveries != null) errorParts.push(listLink(s, 'failingDeliveries', count(e.failingDeliveries, 'failing delivery', 'failing deliveries') + ' (now)'));
    if (e.deadDeliveries != null) errorParts.push(listLink(s, 'deadLetters', count(e.deadDeliveries, 'dead delivery', 'dead deliveries') + ' (now)'));
    var queueParts = [n(s.queue.inboxPending) + ' in the inbox'];
    if (s.queue.outboxQueued != null) queueParts.push(n(s.queue.outboxQueued) + ' to deliver');
    if (s.queue.outboxPaused) queueParts.push(n(s.queue.outboxPaused) + ' paused by the circuit breaker');
    if (s.queue.oldestPendingAt) queueParts.push('oldest received ' + ago(s.queue.oldestPendingAt));
    var ev = s.executionTime.events;
    var runs = s.executionTime.syncRuns;
    var timing = ev.samples ? 'p50 ' + ms(ev.p50Ms) + ' · p95 ' + ms(ev.p95Ms) : 'no events';
    var timingDetail = ev.samples ? count(ev.samples, 'event', 'events') + ', received → processed' : 'nothing processed in the last hour';
    if (runs && runs.samples) timingDetail += ' · sync runs p50 ' + ms(runs.p50Ms) + ', p95 ' + ms(runs.p95Ms) + ' (' + n(runs.samples) + ')';

    var lastCell = s.lastSync ? time(s.lastSync.at) : el('span', { text: 'never' });
    lastCell.className = 'value';
    var lastDetail = s.lastSync
      ? (SYNC_SOURCES[s.lastSync.source] || s.lastSync.source + ' ') + new Date(s.lastSync.at).toLocaleString()
      : 'nothing applied from or delivered to this system yet';
    var rows = [
      row('Last successful sync', 'lastSync', lastCell, lastDetail),
      row('Records synchronized (24 h)', 'applied24h', n(s.records.applied24h), count(s.records.linked, 'record', 'records') + ' linked in total'),
      row('Errors (24 h)', 'errors', n(e.total), joined(errorParts)),
      row('Queue depth', 'queue', n(s.queue.total), queueParts.join(' · ')),
      row('Open conflicts', 'openConflicts', n(s.openConflicts), s.entityTypes.length ? 'on ' + s.entityTypes.join(', ') : 'maps no entity type'),
      row('Execution time (last hour)', 'executionTime', timing, timingDetail),
    ];
    if (s.lastRun) {
      rows.push(row('Last sync run', 'lastRun', s.lastRun.status,
        [s.lastRun.kind, s.lastRun.entityType, s.lastRun.startedAt ? 'started ' + ago(s.lastRun.startedAt) : null].filter(Boolean).join(' · ')));
    }
    var table = el('table', { 'aria-labelledby': headingId }, [el('tbody', {}, rows)]);
    var header = el('header', {}, [
      el('h3', { id: headingId }, [document.createTextNode(s.name + ' '), el('span', { className: 'key', text: '(' + s.key + ')' })]),
      el('span', { className: 'badge ' + badge[0], 'data-field': 'state', text: badge[1] }),
    ]);
    var direction = el('p', { className: 'dir', text: 'Syncs ' + (DIRECTIONS[s.direction] || s.direction) });
    return el('section', { className: 'system', 'data-system': s.key, 'aria-labelledby': headingId }, [header, direction, table]);
  }

  function start() {
    $('key-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var input = $('api-key');
      var key = input.value.trim();
      if (!key) return;
      setKey(key);
      input.value = '';
      message('error', '');
      void load();
    });
    $('forget-key').addEventListener('click', function () {
      forgetKey();
      clearData();
      message('error', '');
      void load();
    });
    $('refresh').addEventListener('click', function () { void load(); });
    void load();
    setInterval(function () { void load(); }, REFRESH_MS);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
