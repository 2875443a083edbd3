import { SearchResults } from '@renderer/components/sidebar/SearchResults'
import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { summary } from './support/test-api'

afterEach(() => vi.restoreAllMocks())

describe('search results', () => {
  it('marks a word found at the very start and end of a snippet, and nothing else', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    render(
      <SearchResults
        query="kiwi"
        hits={[{ conversation: summary({ id: 'c1', title: 'Fruit' }), snippet: 'Kiwi before lunch, then kiwi' }]}
      />,
    )
    const snippet = screen.getByText((_, element) => element?.className === 'search-snippet')
    expect([...snippet.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Kiwi', 'kiwi'])
    expect(snippet.textContent).toBe('Kiwi before lunch, then kiwi')
    // React reports children that share a key (which it may then drop or reorder) through console.error.
    expect(errors).not.toHaveBeenCalled()
  })
})
