/** `{ path }` when the Electron executable exists; otherwise `{ missing }` saying what is absent. */
export function findElectronBinary(cwd?: string, env?: NodeJS.ProcessEnv): { path: string } | { missing: string }
