import { useEffect } from 'react'
import { useNumberingStore } from '../editor/numbering/NumberingProvider'
import { useNotify } from '../components/Notice'
import { linkNumberingStore } from './numberingLink'
import { liveData } from './store'
import { DataDialogs } from './dialogs'
import './data.css'

/**
 * Connects the live data to the report screen: the numbering for
 * cross-references, notices for refusals, a fresh start when another report
 * opens or its data year changes, and the data dialogs (mounted once, with
 * the editing toolbar).
 */
export function LiveDataLink() {
  useLiveDataLink()
  return <DataDialogs />
}

/** The links without the dialogs (for the 数据 panel, which may be open without a chapter). */
export function useLiveDataLink(): void {
  const store = useNumberingStore()
  const notify = useNotify()

  useEffect(() => linkNumberingStore(store), [store])
  useEffect(() => liveData.onError((m) => notify('error', m)), [notify])

  useEffect(() => {
    const check = () => {
      const r = store.getReport()
      if (r) liveData.noteReport(r.path, r.meta.year)
    }
    check()
    return store.subscribe(check)
  }, [store])
}
