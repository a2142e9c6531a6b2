/** Status page styles: system fonts, no external assets, contrast of at least 4.5:1 for every text colour. */
export const STATUS_PAGE_CSS = String.raw`
:root {
  --fg: #1f2328; --muted: #57606a; --bg: #f6f8fa; --card: #ffffff; --line: #d0d7de; --accent: #0550ae;
  --ok-fg: #116329; --ok-bg: #dafbe1; --warn-fg: #6f4400; --warn-bg: #fff8c5; --bad-fg: #a40e26; --bad-bg: #ffebe9;
  color-scheme: light;
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); }
.top { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem;
  padding: 0.9rem 1.5rem; background: var(--card); border-bottom: 1px solid var(--line); }
h1 { font-size: 1.35rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 0 0 0.6rem; }
h3 { font-size: 1rem; margin: 0; display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
main { padding: 1rem 1.5rem 2rem; max-width: 1400px; margin: 0 auto; }
.panel, #hub, #jobs-section, #alerts-section, #throughput-section, .system { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.1rem; margin-bottom: 1rem; }
.row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.row p { margin: 0; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
input[type=password] { font: inherit; padding: 0.4rem 0.6rem; min-width: min(28rem, 100%); border: 1px solid #8c959f; border-radius: 6px; }
button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: var(--card); color: var(--accent); }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.help { color: var(--muted); margin: 0.6rem 0 0; font-size: 0.9rem; }
.health { margin: 0; font-weight: 600; padding: 0.2rem 0.7rem; border-radius: 999px; }
.health.ok { color: var(--ok-fg); background: var(--ok-bg); }
.health.bad { color: var(--bad-fg); background: var(--bad-bg); }
.notice { padding: 0.7rem 1rem; border-radius: 6px; background: #ddf4ff; color: #0a3069; border: 1px solid #54aeff; }
.error { padding: 0.7rem 1rem; border-radius: 6px; background: var(--bad-bg); color: var(--bad-fg); border: 1px solid #ff8182; font-weight: 600; }
.updated { color: var(--muted); font-size: 0.9rem; margin: 0 0 0.8rem; }
.updated.stale { color: var(--warn-fg); font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-top: 1px solid var(--line); vertical-align: top; }
thead th { border-top: 0; color: var(--muted); font-weight: 600; }
th[scope=row] { font-weight: 600; width: 42%; color: var(--fg); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td .value { font-weight: 700; font-variant-numeric: tabular-nums; }
td .detail { display: block; color: var(--muted); font-size: 0.85rem; }
.systems { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 1rem; }
.system { margin: 0; }
.system header { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; margin-bottom: 0.4rem; flex-wrap: wrap; }
.system .key { color: var(--muted); font-weight: 400; }
.system .dir { color: var(--muted); font-size: 0.85rem; }
.badge { font-size: 0.8rem; font-weight: 700; padding: 0.1rem 0.55rem; border-radius: 999px; border: 1px solid currentColor; }
.badge.ok { color: var(--ok-fg); background: var(--ok-bg); }
.badge.attention { color: var(--warn-fg); background: var(--warn-bg); }
.badge.problem { color: var(--bad-fg); background: var(--bad-bg); }
#jobs-rows progress { width: 8rem; margin-right: 0.5rem; vertical-align: middle; }
.warnings { color: var(--warn-fg); margin: 0.8rem 0 0; }
.foot { color: var(--muted); font-size: 0.85rem; padding: 0 1.5rem 1.5rem; max-width: 1400px; margin: 0 auto; }
a { color: var(--accent); }
.alerts { margin: 0; padding-left: 1.1rem; }
.alerts li { margin: 0.3rem 0; }
.chart { width: 100%; height: 120px; display: block; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
.chart .bar.applied, .key-applied { fill: #0969da; color: #0969da; }
.chart .bar.delivered, .key-delivered { fill: #1a7f37; color: #1a7f37; }
.legend { color: var(--muted); font-size: 0.85rem; margin: 0.3rem 0 0; }
[hidden] { display: none !important; }
`;
