import { useState } from 'react'
import { useAccountStore } from '../../stores/account-store'
import { useSettingsStore } from '../../stores/settings-store'
import { ConfirmDialog } from '../common/ConfirmDialog'

function TokenStorageNote() {
  const allowPlain = useSettingsStore((state) => state.settings?.allowPlainTokenStorage ?? false)
  const update = useSettingsStore((state) => state.update)
  return (
    <div className="settings-note">
      <p>
        This system offers no encryption for your sign-in, so it is kept only for this session and you will need to sign
        in again after a restart.
      </p>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={allowPlain}
          onChange={(event) => void update({ allowPlainTokenStorage: event.target.checked })}
        />
        Keep me signed in by storing the sign-in unencrypted on this computer
      </label>
    </div>
  )
}

export function AccountSection() {
  const [confirmingSignOut, setConfirmingSignOut] = useState(false)
  const account = useAccountStore((state) => state.account)
  const signIn = useAccountStore((state) => state.signIn)
  const cancelSignIn = useAccountStore((state) => state.cancelSignIn)
  const signOut = useAccountStore((state) => state.signOut)

  return (
    <section className="settings-section" aria-labelledby="settings-account">
      <h3 id="settings-account">Account</h3>
      {account?.message && (
        // Every account message is a problem (failed, cancelled or timed-out sign-in, "Sign in again"): announce it.
        <p role="alert" className="settings-message">
          {account.message}
        </p>
      )}
      {account?.status === 'signed-in' ? (
        <div className="account-row">
          <div>
            <div data-testid="account-email">{account.email ?? 'Signed in'}</div>
            {account.plan && <div className="muted">Plan: {account.plan}</div>}
          </div>
          <button type="button" className="secondary-button" onClick={() => setConfirmingSignOut(true)}>
            Sign out
          </button>
        </div>
      ) : account?.status === 'signing-in' ? (
        <div className="account-row">
          <p role="status">Waiting for you to finish signing in in your browser…</p>
          <button type="button" className="secondary-button" onClick={() => void cancelSignIn()}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="primary-button" onClick={() => void signIn()}>
          Sign in with ChatGPT
        </button>
      )}
      {account?.tokenStorage === 'memory' && <TokenStorageNote />}
      {confirmingSignOut && (
        // Signing out forgets every token, and signing in again takes a trip through the browser.
        <ConfirmDialog
          title="Sign out?"
          confirmLabel="Sign out"
          onCancel={() => setConfirmingSignOut(false)}
          onConfirm={() => {
            setConfirmingSignOut(false)
            void signOut()
          }}
        >
          <p>Codex Desk will forget your sign-in on this computer. Your conversations stay.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
