/** Bundles the web harness and the demo into out/web-harness when missing or older than their sources. */
export function ensureHarnessBuild(repoRoot: string, log: (message: string) => void): Promise<void>
