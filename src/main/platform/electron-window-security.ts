import { app, type Session, shell, type WebContents } from 'electron'
import { isWebUrl } from '../../shared/urls'

/** `policy` on every response the renderer loads (the dev server's too); no permission asked or checked is granted. */
export function applySessionPolicies(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } })
  })
  // The app needs no camera, microphone, notifications, clipboard reads or geolocation.
  session.setPermissionRequestHandler((_contents, _permission, grant) => grant(false))
  session.setPermissionCheckHandler(() => false)
}

/** Keeps every window on the app's own page: navigation and new windows are refused, web links go to the browser. */
export function lockNavigation(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export function lockAllNavigation(isAppUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, isAppUrl))
}
