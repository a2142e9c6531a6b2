import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** Profiles one async section with the V8 profiler (BENCH_PROFILE=1) and names the top self-time frames. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export async function profiled<T>(enabled: boolean, file: string, run: () => Promise<T>): Promise<{ value: T; top: string[] }> {
  if (!enabled) return { value: await run(), top: [] };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const value = await run();
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  await writeFile(file, JSON.stringify(profile));
  return { value, top: topSelfTime(profile, 15) };
}

function topSelfTime(profile: Profile, limit: number): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const where = f.url ? `${f.url.replace(/^.*node_modules\//, 'nm:').replace(/^.*\/dist\//, '')}:${f.lineNumber + 1}` : '';
    const name = `${f.functionName || '(anonymous)'} ${where}`.trim();
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
}
