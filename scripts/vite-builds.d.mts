export interface ViteBuild {
  label: string
  config: string
  output: string
  sources: readonly string[]
}
export type BuildName = 'web' | 'harness' | 'bench'
export declare const BUILDS: Record<BuildName, ViteBuild>
/**
 * True when `output` is missing or older than anything in `sources` (all relative to `repoRoot`). `seen` keeps the
 * newest time of each folder walked, for checks of several builds over the same sources in one go.
 */
export function buildIsStale(
  repoRoot: string,
  output: string,
  sources: readonly string[],
  seen?: Map<string, number>,
): boolean
/** Runs `vite build` for each of `names` (BUILDS) that is stale, in order. Vite's output goes to stderr. */
export function ensureBuilds(
  repoRoot: string,
  names: readonly BuildName[],
  log: (message: string) => void,
): Promise<void>
