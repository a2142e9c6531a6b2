/**
 * The status page shell. It carries no data: its script fetches /health (public) and /api/status (viewer
 * key) from the browser, so the page itself can be served publicly and cached. Inlined as a TS module so
 * the TypeScript build ships it without a copy step.
 */
export const STATUS_PAGE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Master data hub — status</title>
<link rel="stylesheet" href="/status/app.css">
<script src="/status/app.js" defer></script>
</head>
<body>
<header class="top">
  <h1>Master data hub — status</h1>
  <p id="health" class="health" role="status" aria-live="polite">Checking the hub…</p>
</header>
<main>
  <section id="key-panel" class="panel" aria-labelledby="key-title">
    <h2 id="key-title">API key</h2>
    <form id="key-form" autocomplete="off">
      <label for="api-key">Viewer API key</label>
      <div class="row">
        <input id="api-key" name="api-key" type="password" required spellcheck="false" aria-describedby="key-help">
        <button type="submit">Show status</button>
      </div>
    </form>
    <div id="key-set" class="row" hidden>
      <p>A key is set for this browser tab.</p>
      <button id="forget-key" type="button" class="secondary">Forget key</button>
      <button id="refresh" type="button" class="secondary">Refresh now</button>
    </div>
    <p id="key-help" class="help">Any API key with the <strong>viewer</strong> role or higher. It stays in this tab only
      (sessionStorage) and is sent in the <code>Authorization</code> header; closing the tab forgets it.</p>
  </section>

  <p id="notice" class="notice" role="status" aria-live="polite" hidden></p>
  <p id="error" class="error" role="alert" hidden></p>
  <p id="updated" class="updated" aria-live="polite"></p>

  <section id="hub" aria-labelledby="hub-title" hidden>
    <h2 id="hub-title">Hub</h2>
    <p id="hub-summary"></p>
    <table id="hub-table">
      <caption>Golden records by entity type</caption>
      <thead>
        <tr><th scope="col">Entity type</th><th scope="col" class="num">Golden records</th><th scope="col" class="num">Deleted</th>
          <th scope="col" class="num">Versions</th><th scope="col" class="num">Open conflicts</th></tr>
      </thead>
      <tbody id="hub-rows"></tbody>
    </table>
    <ul id="warnings" class="warnings" hidden></ul>
  </section>

  <section id="alerts-section" aria-labelledby="alerts-title" hidden>
    <h2 id="alerts-title">Open alerts</h2>
    <p id="alerts-none" class="help" hidden>No alert is open.</p>
    <ul id="alerts" class="alerts"></ul>
    <p class="help">Resolved ones too: <code>GET /api/alerts</code>. Where they are sent: the <code>alerts</code> section of the configuration.</p>
  </section>

  <section id="throughput-section" aria-labelledby="throughput-title" hidden>
    <h2 id="throughput-title">Throughput, last hour</h2>
    <p id="throughput-summary"></p>
    <svg id="throughput-chart" class="chart" role="img" aria-labelledby="throughput-title throughput-summary" preserveAspectRatio="none"></svg>
    <p class="legend"><span class="key-applied">■</span> changes applied · <span class="key-delivered">■</span> deliveries acknowledged (5-minute buckets, <span id="throughput-from"></span>)</p>
  </section>

  <section id="jobs-section" aria-labelledby="jobs-title" hidden>
    <h2 id="jobs-title">Jobs</h2>
    <p class="help">Recomputes of golden records after a rule change: running and queued ones, and those that ended in the
      last 24 hours. <code>GET /api/jobs/{id}</code> has the details; <code>POST /api/jobs/{id}/cancel</code> stops one.</p>
    <table id="jobs-table">
      <caption>Running, queued and recent jobs</caption>
      <thead>
        <tr><th scope="col">Job</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col" class="num">Changed</th>
          <th scope="col">Started</th><th scope="col">Last error</th></tr>
      </thead>
      <tbody id="jobs-rows"></tbody>
    </table>
  </section>

  <section id="systems-section" aria-labelledby="systems-title" hidden>
    <h2 id="systems-title">Systems</h2>
    <p id="systems-empty" class="notice" hidden>No systems are configured yet: load a hub configuration (see docs/configuration.md).</p>
    <div id="systems" class="systems"></div>
  </section>
</main>
<footer class="foot">
  <p>Refreshes every 10 seconds. Metrics for Prometheus: <a href="/metrics">/metrics</a>. Liveness and readiness: <a href="/health">/health</a>.</p>
</footer>
</body>
</html>
`;
