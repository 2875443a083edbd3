import { CLIENT_ID, SCOPES } from './oauth-constants'

export interface AuthorizeRequest {
  issuer: string
  redirectUri: string
  codeChallenge: string
  state: string
  originator: string
}

/** The authorize URL with Codex's parameters in Codex's order (§1.3), each value percent-encoded like Codex's. */
export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const params: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', CLIENT_ID],
    ['redirect_uri', request.redirectUri],
    ['scope', SCOPES],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', 'S256'],
    ['id_token_add_organizations', 'true'],
    ['codex_cli_simplified_flow', 'true'],
    ['state', request.state],
    ['originator', request.originator],
  ]
  const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')
  return `${request.issuer}/oauth/authorize?${query}`
}
