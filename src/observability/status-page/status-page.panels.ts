/**
 * The jobs, open alerts and throughput panels and the list links of the status page: a fragment of its script (status-page.script.ts
 * splices it into its function scope, so `el`, `$`, `n`, `count`, `time` and `show` are the script's own).
 * No `${` or backtick inside, as there.
 */
export const STATUS_PAGE_PANELS_JS = String.raw`
  var JOB_BADGES = { succeeded: 'ok', failed: 'problem', running: 'attention', queued: 'attention', cancelled: 'attention' };

  function renderJobs(jobs) {
    var rows = $('jobs-rows');
    rows.replaceChildren.apply(rows, jobs.map(function (j) {
      var name = j.kind + ' ' + j.key + ' #' + j.id;
      var pct = j.progress == null ? null : Math.floor(j.progress * 100);
      var done = n(j.processed) + ' of ' + (j.total == null ? '?' : n(j.total)) + (pct == null ? '' : ' (' + pct + ' %)');
      var progress = el('td', { 'data-field': 'progress' }, [
        pct == null ? null : el('progress', { max: '100', value: String(pct), 'aria-label': name + ' progress' }),
        el('span', { className: 'value', text: done }),
      ]);
      return el('tr', { 'data-job': j.id }, [
        el('th', { scope: 'row', text: name }),
        el('td', { 'data-field': 'status' }, [el('span', { className: 'badge ' + (JOB_BADGES[j.status] || 'attention'), text: j.status })]),
        progress,
        el('td', { className: 'num', 'data-field': 'changed', text: n(j.changed) }),
        el('td', { 'data-field': 'started' }, [j.startedAt ? time(j.startedAt) : el('span', { text: 'not yet' })]),
        el('td', { 'data-field': 'error', text: j.lastError || '' }),
      ]);
    }));
    show('jobs-section', jobs.length > 0);
  }

  // A number that opens the list behind it: the console's systems page at the list's anchor. data-api names the
  // API list the console shows there, for scripts and for operators without the console.
  function listLink(s, list, text) {
    return el('a', { href: s.links[list], 'data-list': list, 'data-api': s.apiLists[list], text: text });
  }

  function joined(parts) {
    var span = el('span', { className: 'detail' });
    parts.forEach(function (p, i) {
      if (i > 0) span.appendChild(document.createTextNode(' · '));
      span.appendChild(typeof p === 'string' ? document.createTextNode(p) : p);
    });
    return span;
  }

  function renderAlerts(alerts) {
    var list = $('alerts');
    var open = alerts || [];
    list.replaceChildren.apply(list, open.map(function (a) {
      return el('li', { 'data-alert': a.id, 'data-rule': a.rule }, [
        el('span', { className: 'badge problem', text: a.rule.replace(/_/g, ' ') }),
        document.createTextNode(' ' + a.message + ' · since '),
        time(a.openedAt),
      ]);
    }));
    show('alerts-none', alerts !== null && open.length === 0);
    show('alerts-section', alerts !== null);
  }

  // The chart is drawn into the page's own <svg> (its namespace comes from the page, nothing is fetched): one pair of
  // bars per 5 minutes, applied changes and acknowledged deliveries, scaled to the busiest bucket.
  function renderThroughput(buckets) {
    var svg = $('throughput-chart');
    var ns = svg.namespaceURI;
    var width = 480, height = 120, top = 8, bottom = 0;
    var max = 1;
    buckets.forEach(function (b) { max = Math.max(max, b.applied, b.delivered); });
    var slot = width / Math.max(1, buckets.length);
    var bar = Math.max(2, slot / 2 - 3);
    function shape(tag, attrs, text) {
      var node = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
      if (text) node.textContent = text;
      return node;
    }
    var parts = [shape('title', {}, 'Changes applied and deliveries acknowledged per 5 minutes, last hour (busiest: ' + n(max) + ')')];
    buckets.forEach(function (b, i) {
      var x = i * slot + 2;
      [['applied', b.applied, x], ['delivered', b.delivered, x + bar + 1]].forEach(function (p) {
        var h = Math.round((height - top - bottom) * p[1] / max);
        var rect = shape('rect', { x: p[2].toFixed(1), y: height - bottom - h, width: bar.toFixed(1), height: h, class: 'bar ' + p[0], 'data-at': b.at });
        rect.appendChild(shape('title', {}, new Date(b.at).toLocaleTimeString() + ': ' + n(p[1]) + ' ' + p[0]));
        parts.push(rect);
      });
    });
    $('throughput-from').textContent = buckets.length ? 'from ' + new Date(buckets[0].at).toLocaleTimeString() + ' to now' : '';
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.replaceChildren.apply(svg, parts);
    var applied = 0, delivered = 0;
    buckets.forEach(function (b) { applied += b.applied; delivered += b.delivered; });
    $('throughput-summary').textContent = count(applied, 'change', 'changes') + ' applied · ' +
      count(delivered, 'delivery', 'deliveries') + ' acknowledged in the last hour';
    show('throughput-section', true);
  }

`;
