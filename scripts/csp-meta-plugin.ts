import type { Plugin } from 'vite'
import { metaContentSecurityPolicy, type RendererShell } from '../src/shared/content-security-policy'

const PLACEHOLDER = '%CODEX_DESK_CSP%'

/** Writes the shell's policy into index.html's meta tag, from the same source main and the harness send as a header. */
export function cspMetaPlugin(shell: RendererShell): Plugin {
  let development = false
  return {
    name: 'codex-desk-csp-meta',
    configResolved(config) {
      development = config.command === 'serve'
    },
    transformIndexHtml(html) {
      if (!html.includes(PLACEHOLDER)) throw new Error(`index.html has no ${PLACEHOLDER} for the CSP meta tag`)
      return html.replace(PLACEHOLDER, metaContentSecurityPolicy(shell, { development }))
    },
  }
}
