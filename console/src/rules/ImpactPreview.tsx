import { Link } from 'wouter';
import { formatValue } from '../ui/format';
import type { Impact } from './rules-draft';

/** What a dry run reports: how many golden records would change, per field, and a sample of the changes. */
export function ImpactPreview({ impact, systemName }: { impact: Impact; systemName(key: string): string }) {
  const perField = Object.entries(impact.fields);
  return (
    <section className="impact" aria-labelledby="impact-title">
      <h2 id="impact-title">Impact of the change</h2>
      <p data-testid="impact-summary">
        {impact.records === 0
          ? 'No golden record would change: the new order decides every field as the current one does.'
          : `Applying would change ${impact.records} golden record${impact.records === 1 ? '' : 's'}`}
        {perField.length > 0 && <>: {perField.map(([f, n]) => `${f} on ${n}`).join(', ')}.</>}
      </p>
      {impact.sample.length > 0 && (
        <table className="impact-sample">
          <caption>{impact.sample.length < impact.records ? `The first ${impact.sample.length} changes` : 'The changes'}</caption>
          <thead>
            <tr><th scope="col">Record</th><th scope="col">Field</th><th scope="col">Now</th><th scope="col">After</th><th scope="col">Decided by</th></tr>
          </thead>
          <tbody>
            {impact.sample.map((s) => (
              <tr key={`${s.goldenId}:${s.field}`}>
                <td><Link href={`/golden-records/${s.goldenId}`}><code>{s.goldenId.slice(0, 8)}</code></Link></td>
                <td>{s.field}</td>
                <td><del>{formatValue(s.from)}</del></td>
                <td><ins>{formatValue(s.to)}</ins></td>
                <td>{s.winnerBefore ? systemName(s.winnerBefore) : '—'} → {s.winnerAfter ? systemName(s.winnerAfter) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
