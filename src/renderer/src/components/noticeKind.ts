/** What kind of short message the corner of the window shows (errors stay until dismissed). */
export type NoticeKind = 'error' | 'info' | 'success'
