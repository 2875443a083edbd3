/**
 * Links never navigate the app window: http(s) links open in the system browser through main (desktop) or in a new
 * tab (web harness, where the page is already in a browser); any other scheme does nothing.
 */
import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { isWebUrl } from '../../../shared/urls'
import { call } from '../api'
import { reportError } from '../stores/notices-store'
import { useSettingsStore } from '../stores/settings-store'

export function ExternalLink({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  function open(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault()
    if (!isWebUrl(href)) return
    if (useSettingsStore.getState().appInfo?.shell === 'web') window.open(href, '_blank', 'noopener,noreferrer')
    else call('app:open-external', { url: href }).catch(reportError)
  }
  return (
    <a href={href} onClick={open} rel="noreferrer noopener" title={href}>
      {children}
    </a>
  )
}
