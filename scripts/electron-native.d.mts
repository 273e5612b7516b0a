// Types for scripts/electron-native.mjs (used by tests).
export declare const NATIVE_DIR: string[]
export declare const NATIVE_FILE: string
export type NativeStatus =
  | { state: 'no-electron' }
  | {
      state: 'current' | 'stale'
      binary: string
      electronVersion: string
      sqliteVersion: string
      sqliteDir: string
      outDir: string
      wanted: string
    }
export declare function nativeStatus(root?: string): NativeStatus
export declare function ensureElectronNative(options?: { quiet?: boolean; root?: string }): Promise<boolean>
