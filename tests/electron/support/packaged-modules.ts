import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, posix } from 'node:path'
import { extractFile, listPackage, statFile } from '@electron/asar'
import { parseAst } from 'rolldown/parseAst'

interface AstNode {
  type?: string
  callee?: AstNode
  name?: string
  arguments?: AstNode[]
  value?: unknown
}

/**
 * The packages a built bundle requires at run time. Parsed, not grepped: the main bundle carries ajv's code
 * generator, whose template strings spell `require("ajv/…")` for standalone output and are never executed.
 */
export function runtimeRequires(bundlePath: string): string[] {
  const found = new Set<string>()
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const child of node) visit(child)
      return
    }
    const call = node as AstNode
    const argument = call.arguments?.[0]
    if (call.type === 'CallExpression' && call.callee?.type === 'Identifier' && call.callee.name === 'require') {
      if (argument?.type === 'Literal' && typeof argument.value === 'string') found.add(argument.value)
    }
    for (const child of Object.values(node)) visit(child)
  }
  visit(parseAst(readFileSync(bundlePath, 'utf8')))
  return [...found].filter((id) => id !== 'electron' && !id.startsWith('node:') && !builtinModules.includes(id))
}

/** `zod/v4` → `zod`, `@scope/name/x` → `@scope/name`. */
export function packageName(id: string): string {
  return id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/')
}

function isInArchive(asar: string, path: string): boolean {
  try {
    statFile(asar, path)
    return true
  } catch {
    return false
  }
}

/** Where Node would find `name` from `fromDir` inside the archive (walking up node_modules folders), if anywhere. */
function resolvePackageDir(asar: string, fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = posix.dirname(dir)) {
    const candidate = posix.join(dir, 'node_modules', name)
    if (isInArchive(asar, posix.join(candidate, 'package.json'))) return candidate
    if (dir === '.' || dir === '/' || dir === '') return undefined
  }
}

interface PackageJson {
  dependencies?: Record<string, string>
}

/**
 * Every package folder the bundles reach in the archive: each required package and, transitively, its own
 * `dependencies`. A package that cannot be found is reported as `missing` ("<name> from <folder>").
 */
export function packagesReached(asar: string, bundles: string[]): { reached: Set<string>; missing: string[] } {
  const reached = new Set<string>()
  const missing: string[] = []
  const queue = bundles.flatMap((bundle) =>
    runtimeRequires(bundle).map((id) => ({ from: bundleDirInArchive(bundle), name: packageName(id) })),
  )
  for (let next = queue.shift(); next; next = queue.shift()) {
    const dir = resolvePackageDir(asar, next.from, next.name)
    if (!dir) {
      missing.push(`${next.name} from ${next.from}`)
      continue
    }
    if (reached.has(dir)) continue
    reached.add(dir)
    const manifest = JSON.parse(extractFile(asar, posix.join(dir, 'package.json')).toString('utf8')) as PackageJson
    for (const name of Object.keys(manifest.dependencies ?? {})) queue.push({ from: dir, name })
  }
  return { reached, missing }
}

/** `…/out/main/index.js` in the repository is `out/main` in the archive. */
function bundleDirInArchive(bundle: string): string {
  return dirname(bundle).split('/').slice(-2).join('/')
}

/** The package folders the archive holds (`node_modules/x`, `node_modules/@s/y`, nested ones too). */
export function packagesInArchive(asar: string): string[] {
  return listPackage(asar, { isPack: false })
    .map((path) => path.replace(/^\//, ''))
    .filter((path) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(path))
    .map((path) => posix.dirname(path))
}

export const REPO_ROOT = join(__dirname, '../../..')
