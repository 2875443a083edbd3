import type { AccountState } from '../shared/domain'
import type { CodexApi } from '../shared/ipc-contract'

/**
 * Plays the browser's part of "Sign in with ChatGPT" against the fake issuer: open the authorize URL, follow its
 * redirect to the app's loopback callback. The app's own OAuth code runs unchanged.
 */
export async function signInThroughLoopback(api: CodexApi): Promise<AccountState> {
  const started = await api.invoke('account:sign-in')
  if (!started.ok) throw new Error(`Sign-in did not start: ${started.error.message}`)
  const { authorizeUrl } = started.value
  if (!authorizeUrl) throw new Error('Sign-in started without an authorize URL.')

  const authorize = await fetch(authorizeUrl, { redirect: 'manual' })
  const callback = authorize.headers.get('location')
  if (!callback) throw new Error(`The issuer did not redirect (HTTP ${authorize.status}).`)
  // The redirect names `localhost`; the loopback server listens on 127.0.0.1 only.
  const done = await fetch(callback.replace('//localhost:', '//127.0.0.1:'), { redirect: 'follow' })
  await done.text()

  for (let attempt = 0; attempt < 50; attempt++) {
    const account = await api.invoke('account:get')
    if (account.ok && account.value.status === 'signed-in') return account.value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('Sign-in did not complete.')
}
