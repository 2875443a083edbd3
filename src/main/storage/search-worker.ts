import { parentPort, workerData } from 'node:worker_threads'
import { parseConversationText, readStampedText } from './conversation-file'
import type { FileStamp } from './durable-files'
import { RECORD_VERSIONING } from './migrations'
import { FILE_EXTENSION, storagePaths } from './paths'
import { openSearchEngine } from './search-engine'
import type { SearchReply, SearchRequest, SearchWorkerData } from './search-protocol'
import { describeError } from './storage-errors'

/**
 * The search worker: lives as long as the store, owns the full-text index and its saved file, and reads the
 * conversation files it must catch up with itself, so neither loading nor rebuilding the index blocks main.
 */
const data = workerData as SearchWorkerData
const port = parentPort
if (!port) throw new Error('The search worker runs as a worker thread.')
const post = (reply: SearchReply): void => port.postMessage(reply)
const log = (message: string): void => post({ type: 'log', message })
const paths = storagePaths(data.dataDir)

/**
 * Exactly the bytes the file had when its stamp was taken: an append landing meanwhile is read on the next start
 * (its stamp differs then), and a torn last line is skipped by the parser. Files are never repaired here: that is
 * main's job when it opens them.
 */
async function readConversation(id: string) {
  let read: { text: string; stamp: FileStamp }
  try {
    read = await readStampedText(paths.conversation(id))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log(`Search skipped conversation ${id}: ${describeError(error)}`)
    return undefined
  }
  try {
    // Its damaged lines are main's to report, as it repairs them when it opens the file; this read only indexes it.
    const { state } = parseConversationText(read.text, `${id}${FILE_EXTENSION}`, RECORD_VERSIONING, () => undefined)
    return { conversation: state.conversation, stamp: read.stamp }
  } catch (error) {
    log(`Search skipped conversation ${id}: ${describeError(error)}`)
    return undefined
  }
}

post({ type: 'ready' })
const engine = openSearchEngine({
  path: paths.searchIndex,
  saveDelayMs: data.saveDelayMs,
  log,
  read: readConversation,
})

port.on('message', (request: SearchRequest) => {
  switch (request.type) {
    case 'catch-up':
      return engine.catchUp(new Map(request.stamps.map(([id, size, mtimeMs]) => [id, { size, mtimeMs }])))
    case 'update':
      return engine.apply(request.changes)
    case 'refresh':
      return engine.refresh(request.id)
    case 'remove':
      return engine.remove(request.id)
    case 'search':
      return void engine.search(request.query, request.order).then(
        (hits) => post({ type: 'hits', requestId: request.requestId, hits }),
        (error) => post({ type: 'failed', requestId: request.requestId, message: describeError(error) }),
      )
    case 'close':
      return void engine.close().then(() => post({ type: 'closed' }))
  }
})
