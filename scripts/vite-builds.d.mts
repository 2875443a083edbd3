export interface ViteBuild {
  label: string
  config: string
  output: string
  sources: readonly string[]
}
export type BuildName = 'web' | 'harness' | 'bench'
export declare const BUILDS: Record<BuildName, ViteBuild>
/** True when `output` is missing or older than anything in `sources` (all relative to `repoRoot`). */
export function buildIsStale(repoRoot: string, output: string, sources: readonly string[]): boolean
/** Runs `vite build` for one of BUILDS when it is stale. Vite's output goes to stderr: stdout carries ready lines. */
export function ensureBuild(repoRoot: string, name: BuildName, log: (message: string) => void): Promise<void>
