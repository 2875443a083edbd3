import { useEffect, useState } from 'react'

interface CopyButtonProps {
  text: string
  /**
   * The accessible name: "Copy" for a message, "Copy code" for a code block. Name matching is by substring unless
   * asked otherwise, so a test that means the message's button asks for "Copy" exactly.
   */
  label: string
  className?: string
}

const COPIED_FEEDBACK_MS = 1500

export function CopyButton({ text, label, className }: CopyButtonProps) {
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS)
    return () => clearTimeout(timer)
  }, [copied])

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setCopied(true)
    } catch {
      // Clipboard access can be refused (e.g. an unfocused page); there is nothing useful to add for the user.
    }
  }

  return (
    <button type="button" className={`small-button ${className ?? ''}`} aria-label={label} onClick={copy}>
      {copied ? 'Copied' : label}
    </button>
  )
}
