/** Links never navigate the app window: http(s) links open in the system browser through main, others do nothing. */
import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { isWebUrl } from '../../../shared/urls'
import { call } from '../api'
import { reportError } from '../stores/notices-store'

export function ExternalLink({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  function open(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault()
    if (isWebUrl(href)) call('app:open-external', { url: href }).catch(reportError)
  }
  return (
    <a href={href} onClick={open} rel="noreferrer noopener" title={href}>
      {children}
    </a>
  )
}
