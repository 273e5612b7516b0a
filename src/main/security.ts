/**
 * The Content-Security-Policy of the renderer, the same in Electron and in
 * the browser host: only the app's own code, no remote content, images from
 * the report's asset store.
 */
export function contentSecurityPolicy(assetSource: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' ${assetSource} blob: data:`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'"
  ].join('; ')
}
