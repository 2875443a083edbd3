import { join } from 'node:path'
import { ensureWebBuild } from '../../src/web/renderer-build'

/** Builds the web UI once, so no spec pays for it while its clock runs. */
export default async function globalSetup(): Promise<void> {
  await ensureWebBuild(join(__dirname, '../..'), (message) => process.stderr.write(`${message}\n`))
}
