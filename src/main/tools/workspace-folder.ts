import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, parse } from 'node:path'
import { fail } from '../../shared/errors'

/**
 * The folder a person chose as a workspace, as its real path. Only an absolute path to an existing folder other than
 * the filesystem's root is accepted: a relative path would be resolved against wherever the app happened to start,
 * and the root would hand every file on the disk to the model's tools.
 */
export async function validWorkspaceFolder(path: string): Promise<string> {
  const refuse = (why: string) => fail('invalid-payload', `That workspace folder cannot be used: ${why}`)
  if (path.includes('\0')) refuse('the path contains a NUL character.')
  if (!isAbsolute(path)) refuse(`"${path}" is not an absolute path.`)
  const real = await realpath(path).catch(() => refuse(`"${path}" does not exist.`))
  if (!(await stat(real)).isDirectory()) refuse(`"${path}" is not a folder.`)
  if (parse(real).root === real) refuse('the root of the filesystem would give the tools every file on the disk.')
  return real
}
