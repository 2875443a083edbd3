/** How Codex Desk names itself to the backend and the issuer (codex.md §0 "originator"): one value, everywhere. */
import os from 'node:os'

/** Overridable with `CODEX_DESK_ORIGINATOR` (read once, in `readServiceEnv`). */
export const DEFAULT_ORIGINATOR = 'codex_desk'

export interface ClientIdentity {
  /** The `originator` header and authorize-URL parameter. */
  originator: string
  /** `<originator>/<app version> (<os> <release>; <arch>)`, Codex's format. */
  userAgent: string
}

export function clientIdentity(originator: string, appVersion: string): ClientIdentity {
  return { originator, userAgent: `${originator}/${appVersion} (${os.type()} ${os.release()}; ${os.arch()})` }
}
