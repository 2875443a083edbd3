import { BrowserWindow, dialog, shell } from 'electron'
import { isWebUrl } from '../../shared/urls'
import type { Desktop } from './types'

export function createElectronDesktop(): Desktop {
  return {
    async openExternal(url) {
      if (!isWebUrl(url)) throw new Error(`Refusing to open a non-web URL: ${url}`)
      await shell.openExternal(url)
    },
    async openPath(path) {
      const failure = await shell.openPath(path)
      if (failure) throw new Error(failure)
    },
    async chooseSaveLocation(suggestedName) {
      const owner = BrowserWindow.getFocusedWindow()
      const options = { defaultPath: suggestedName }
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseFolder() {
      const owner = BrowserWindow.getFocusedWindow()
      const options: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] }
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
