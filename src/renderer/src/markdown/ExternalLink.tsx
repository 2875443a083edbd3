/** Links never navigate the app window: http(s) links open in the system browser through main, others do nothing. */
import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { call } from '../api'
import { reportError } from '../stores/notices-store'

function isWebUrl(href: string | undefined): href is string {
  if (!href) return false
  try {
    const { protocol } = new URL(href)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

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
