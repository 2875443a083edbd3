import { DEFAULT_ORIGINATOR } from './client-identity'

/** Environment overrides (shared/ARCHITECTURE.md, "Configuration seams"). */
export interface ServiceEnv {
  /** Codex backend base, without the trailing `/responses`. */
  baseUrl: string
  /** OAuth issuer. */
  issuer: string
  /** Loopback port for the OAuth callback. */
  oauthPort: number
  /** `originator` header, User-Agent and authorize URL: `CODEX_DESK_ORIGINATOR`, else `codex_desk`. */
  originator: string
}

export const DEFAULT_BASE_URL = 'https://chatgpt.com/backend-api/codex'
export const DEFAULT_ISSUER = 'https://auth.openai.com'
export const DEFAULT_OAUTH_PORT = 1455

export function readServiceEnv(env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const port = Number(env.CODEX_OAUTH_PORT ?? DEFAULT_OAUTH_PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`CODEX_OAUTH_PORT must be a port number, got "${env.CODEX_OAUTH_PORT}".`)
  }
  const originator = env.CODEX_DESK_ORIGINATOR?.trim() || DEFAULT_ORIGINATOR
  // It travels in a header and a User-Agent: Codex's own values are words, underscores, dashes, dots and spaces.
  if (!/^[\w .-]{1,64}$/.test(originator)) {
    throw new Error(`CODEX_DESK_ORIGINATOR must be a short name like codex_cli_rs, got "${originator}".`)
  }
  return {
    originator,
    baseUrl: (env.CODEX_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    issuer: (env.CODEX_AUTH_ISSUER ?? DEFAULT_ISSUER).replace(/\/+$/, ''),
    oauthPort: port,
  }
}
