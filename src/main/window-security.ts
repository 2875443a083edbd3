import { app, type Session, shell, type WebContents } from 'electron'
import { contentSecurityPolicy } from '../shared/content-security-policy'
import { isWebUrl } from './platform/electron-desktop'

/** The CSP for every response the renderer loads (the index.html meta tag says the same for file://). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([])

export function applySessionPolicies(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
  // The app needs no camera, microphone, notifications or geolocation.
  session.setPermissionRequestHandler((_contents, _permission, grant) => grant(false))
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
