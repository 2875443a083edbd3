import { fireEvent, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderApp } from './support/render-app'
import { createTestApi } from './support/test-api'

const WIDTH_KEY = 'codex-desk.sidebar-width'
const HIDDEN_KEY = 'codex-desk.sidebar-hidden'

function handle() {
  return screen.getByRole('separator', { name: 'Resize sidebar' })
}

function columnWidth(): string {
  const app = document.querySelector<HTMLElement>('.app')
  return app?.style.getPropertyValue('--sidebar-width') ?? ''
}

afterEach(() => {
  localStorage.removeItem(WIDTH_KEY)
  localStorage.removeItem(HIDDEN_KEY)
})

describe('resizing the sidebar', () => {
  it('the arrow keys widen and narrow it, between 200 and 480 px', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi())
    expect(handle().getAttribute('aria-orientation')).toBe('vertical')
    expect(handle().getAttribute('aria-valuenow')).toBe('280')

    handle().focus()
    await user.keyboard('{ArrowRight}{ArrowRight}')
    expect(handle().getAttribute('aria-valuenow')).toBe('312')
    expect(columnWidth()).toBe('312px')
    await user.keyboard('{ArrowLeft}')
    expect(handle().getAttribute('aria-valuenow')).toBe('296')

    await user.keyboard('{End}{ArrowRight}')
    expect(handle().getAttribute('aria-valuenow')).toBe('480')
    await user.keyboard('{Home}{ArrowLeft}')
    expect(handle().getAttribute('aria-valuenow')).toBe('200')
  })

  it('follows the pointer while it is dragged', () => {
    renderApp(createTestApi())
    fireEvent.pointerDown(handle(), { button: 0, pointerId: 1, clientX: 280 })
    fireEvent.pointerMove(handle(), { pointerId: 1, clientX: 350 })
    fireEvent.pointerUp(handle(), { pointerId: 1, clientX: 350 })
    fireEvent.pointerMove(handle(), { pointerId: 1, clientX: 420 })
    expect(handle().getAttribute('aria-valuenow')).toBe('350')
  })

  it('starts at the width it had last time', async () => {
    localStorage.setItem(WIDTH_KEY, '360')
    vi.resetModules()
    const { useUiStore } = await import('@renderer/stores/ui-store')
    expect(useUiStore.getState().sidebarWidth).toBe(360)
  })

  it('remembers the width it is given', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi())
    handle().focus()
    await user.keyboard('{ArrowRight}')
    expect(localStorage.getItem(WIDTH_KEY)).toBe('296')
  })

  it('is not shown while the sidebar is put away', async () => {
    const user = userEvent.setup()
    renderApp(createTestApi())
    await user.click(screen.getByRole('button', { name: 'Toggle sidebar' }))
    expect(screen.queryByRole('separator')).toBeNull()
  })
})
