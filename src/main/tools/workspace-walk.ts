import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import ignore, { type Ignore } from 'ignore'

/** The rules of one `.gitignore`; they apply to paths below `base` (workspace-relative, '' for the root). */
interface IgnoreFile {
  base: string
  rules: Ignore
}

export interface WalkedFile {
  /** Relative to the workspace, with forward slashes. */
  path: string
  absolute: string
}

const toPosix = (path: string) => path.split(sep).join('/')

async function loadIgnoreFile(folder: string, base: string): Promise<IgnoreFile | null> {
  const text = await readFile(join(folder, '.gitignore'), 'utf8').catch(() => null)
  return text === null ? null : { base, rules: ignore().add(text) }
}

/**
 * Git's own order: the deeper `.gitignore` speaks last, so it can re-include what a shallower one left out
 * (a folder already left out is never entered, so nothing below it can come back, as in git).
 */
function isIgnored(files: IgnoreFile[], path: string, isFolder: boolean): boolean {
  let ignored = false
  for (const { base, rules } of files) {
    if (base !== '' && !path.startsWith(`${base}/`)) continue
    const below = base === '' ? path : path.slice(base.length + 1)
    const result = rules.test(isFolder ? `${below}/` : below)
    if (result.ignored) ignored = true
    else if (result.unignored) ignored = false
  }
  return ignored
}

/** The `.gitignore` files that govern `start`: those of the workspace root and of every folder down to it. */
async function ignoreFilesAbove(root: string, start: string): Promise<IgnoreFile[]> {
  const levels = toPosix(relative(root, start)).split('/').filter(Boolean)
  const files: IgnoreFile[] = []
  for (let depth = 0; depth <= levels.length; depth++) {
    const base = levels.slice(0, depth).join('/')
    const file = await loadIgnoreFile(join(root, ...levels.slice(0, depth)), base)
    if (file) files.push(file)
  }
  return files
}

/**
 * The files under `start` (a real folder inside `root`) that git would not ignore, in a stable order. Ignored
 * folders are not entered, `.git` never is, and symbolic links are not followed: they could lead out of the
 * workspace or round in circles.
 */
export async function* walkWorkspace(root: string, start: string, signal: AbortSignal): AsyncGenerator<WalkedFile> {
  const inherited = await ignoreFilesAbove(root, start)
  async function* visit(folder: string, ignoreFiles: IgnoreFile[]): AsyncGenerator<WalkedFile> {
    signal.throwIfAborted()
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
    const base = toPosix(relative(root, folder))
    const own = folder === start ? null : await loadIgnoreFile(folder, base)
    const rules = own ? [...ignoreFiles, own] : ignoreFiles
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = base === '' ? entry.name : `${base}/${entry.name}`
      const absolute = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && !isIgnored(rules, path, true)) yield* visit(absolute, rules)
      } else if (entry.isFile() && !isIgnored(rules, path, false)) {
        yield { path, absolute }
      }
    }
  }
  yield* visit(start, inherited)
}
