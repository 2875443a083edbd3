/** Writes a stand-in Electron distribution (placeholder executable with a fuse wire, `version`) into `dir`. */
export function makeStandInElectron(dir: string): string
/** Runs `electron-builder --dir` into `outDir` against a stand-in Electron; resolves where app.asar landed. */
export function packageDir(outDir: string): Promise<{ appOutDir: string; asar: string; executable: string }>
