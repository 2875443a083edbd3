/** Applies the theme as `data-theme` on <html>; "system" follows prefers-color-scheme as it changes. */
import { useEffect } from 'react'
import type { Theme } from '../../../shared/domain'

const DARK_QUERY = '(prefers-color-scheme: dark)'

export function useAppliedTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement
    if (theme !== 'system') {
      root.dataset.theme = theme
      return
    }
    const media = window.matchMedia(DARK_QUERY)
    const apply = () => {
      root.dataset.theme = media.matches ? 'dark' : 'light'
    }
    apply()
    media.addEventListener('change', apply)
    return () => media.removeEventListener('change', apply)
  }, [theme])
}
