import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { ApiError, gql } from '../api/client';
import { useSession } from '../api/session';
import { useCatalog } from '../app/catalog';
import { ImpactPreview } from './ImpactPreview';
import { JobProgress } from './JobProgress';
import { OrderList } from './OrderList';
import { changedRules, draftFrom, type Effective, type Impact, readImpact, type RulesDraft } from './rules-draft';
import { RulesQuery, SetRulesMutation } from './rules-queries';

type Outcome = { kind: 'error' | 'conflict'; text: string } | null;

/**
 * Survivorship rules per entity type: the system precedence and the per-field orders. Everyone reads them; an admin
 * reorders, previews the impact (a dry run), applies (with the version read, so a concurrent change is refused)
 * and follows the recompute job.
 */
export function RulesPage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const catalog = useCatalog();
  const { can } = useSession();
  const canEdit = can('admin');
  const queries = useQueryClient();
  const types = catalog.data?.entityTypes ?? [];
  const entityType = new URLSearchParams(search).get('entityType') ?? types[0]?.name ?? null;
  const rules = useQuery({
    queryKey: ['rules', entityType],
    queryFn: () => gql(RulesQuery, { entityType: entityType! }),
    enabled: entityType !== null,
  });
  const r = rules.data?.entityTypeRules;
  const effective = r?.effective as Effective | undefined;
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const [preview, setPreview] = useState<{ key: string; impact: Impact } | null>(null);
  const [jobs, setJobs] = useState<{ id: string; key: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [applied, setApplied] = useState<string | null>(null);

  // A new entity type or configuration version starts a fresh draft from the rules in force.
  const loadedKey = r ? `${r.entityType}@${r.configVersion}` : null;
  useEffect(() => {
    if (effective) setDraft(draftFrom(effective));
    setPreview(null);
  }, [loadedKey]);

  const change = useMemo(() => (effective && draft ? changedRules(effective, draft) : null), [effective, draft]);
  const changeKey = JSON.stringify(change);
  const previewed = preview !== null && preview.key === changeKey;

  const send = async (dryRun: boolean) => {
    if (!r || !change) return;
    setBusy(true);
    setOutcome(null);
    setApplied(null);
    try {
      const { setEntityTypeRules: res } = await gql(SetRulesMutation, { entityType: r.entityType, rules: change, expectedVersion: r.configVersion, dryRun });
      if (dryRun) {
        setPreview({ key: changeKey, impact: readImpact(res.impact) });
      } else {
        const queued = (Array.isArray(res.jobs) ? res.jobs : []) as { id: string; key: string }[];
        setJobs((j) => [...queued, ...j]);
        setApplied(`Applied as configuration version ${res.configVersion}.${queued.length ? ' The golden records are being recomputed.' : ''}`);
        await queries.invalidateQueries({ queryKey: ['rules'] });
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFIG_VERSION_MISMATCH') {
        setOutcome({
          kind: 'conflict',
          text: `Not applied: the configuration changed after these rules were loaded (version ${r.configVersion}). `
            + 'Someone else stored a newer version. Reload the rules, check them and make your change again.',
        });
      } else {
        setOutcome({ kind: 'error', text: err instanceof ApiError ? `${err.message} (${err.code})` : String(err) });
      }
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    setOutcome(null);
    setPreview(null);
    await rules.refetch();
  };
  const setField = (field: string, order: string[] | null) => setDraft((d) => {
    if (!d) return d;
    const fieldPrecedence = { ...d.fieldPrecedence };
    if (order) fieldPrecedence[field] = order;
    else delete fieldPrecedence[field];
    return { ...d, fieldPrecedence };
  });
  const fields = types.find((t) => t.name === entityType)?.fields ?? [];

  return (
    <section aria-labelledby="rules-title" className="rules">
      <div className="page-head">
        <h1 id="rules-title">Rules</h1>
        <p className="muted">Which system wins when sources disagree. {canEdit ? 'Reorder, preview the impact, then apply.' : 'Changing them needs an admin key.'}</p>
      </div>
      <div className="row">
        <label htmlFor="rules-type">Entity type</label>
        <select id="rules-type" value={entityType ?? ''} onChange={(e) => navigate(`/rules?entityType=${encodeURIComponent(e.target.value)}`)}>
          {types.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
        </select>
        {r && <span className="muted">configuration version {r.configVersion} · strategy <strong>{r.strategy}</strong></span>}
      </div>
      {rules.error && <p className="error" role="alert">{(rules.error as Error).message}</p>}
      {r && draft && (
        <div className="rules-layout">
          <div>
            <h2 id="precedence-title">Precedence</h2>
            <p className="muted small">The highest system holding a value wins, unless a field has its own order.</p>
            <OrderList what="the precedence" systems={draft.precedence} canEdit={canEdit} systemName={catalog.systemName}
              onChange={(precedence) => setDraft({ ...draft, precedence })} />
            <h2>Field precedence</h2>
            <table className="field-orders">
              <caption className="visually-hidden">Fields and the order of systems each follows</caption>
              <thead><tr><th scope="col">Field</th><th scope="col">Order</th></tr></thead>
              <tbody>
                {fields.map((f) => {
                  const own = draft.fieldPrecedence[f.name];
                  const strategy = (r.fieldStrategies as Record<string, string>)[f.name];
                  return (
                    <tr key={f.name} data-field={f.name}>
                      <th scope="row">{f.name}{strategy && <div className="muted small">strategy {strategy}</div>}</th>
                      <td>
                        {own ? (
                          <>
                            <OrderList what={`the order of ${f.name}`} systems={own} canEdit={canEdit} systemName={catalog.systemName} onChange={(o) => setField(f.name, o)} />
                            {canEdit && <button type="button" className="secondary small" onClick={() => setField(f.name, null)}>Use the precedence for {f.name}</button>}
                          </>
                        ) : (
                          <span className="row">
                            <span className="muted">the precedence</span>
                            {canEdit && <button type="button" className="secondary small" onClick={() => setField(f.name, [...draft.precedence])}>Give {f.name} its own order</button>}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div>
            {canEdit && (
              <div className="apply panel" role="group" aria-label="Apply the change">
                <p>{change ? 'You changed the order. Preview what it does before applying it.' : 'No change yet: reorder systems to start.'}</p>
                <div className="actions">
                  <button type="button" className="secondary" disabled={busy || !change} onClick={() => void send(true)}>Preview the impact</button>
                  <button type="button" disabled={busy || !change || !previewed} onClick={() => void send(false)}>Apply</button>
                  <button type="button" className="secondary" disabled={busy || !change} onClick={() => { setDraft(draftFrom(effective!)); setPreview(null); }}>Discard</button>
                </div>
                {outcome && (
                  <div className="error" role="alert">
                    <p>{outcome.text}</p>
                    {outcome.kind === 'conflict' && <button type="button" className="secondary" onClick={() => void reload()}>Reload the rules</button>}
                  </div>
                )}
                {applied && <p className="notice" role="status">{applied}</p>}
              </div>
            )}
            {previewed && <ImpactPreview impact={preview.impact} systemName={catalog.systemName} />}
            {jobs.map((j) => <JobProgress key={j.id} id={j.id} title={`Recompute of ${j.key}`} />)}
          </div>
        </div>
      )}
    </section>
  );
}
