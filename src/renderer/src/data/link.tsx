import { useEffect } from 'react'
import { useNumberingStore } from '../editor/numbering/NumberingProvider'
import { useNotify } from '../components/Notice'
import { liveData } from './store'
import { DataDialogs } from './dialogs'

/**
 * Connects the live data to the report screen: notices for refusals, a
 * fresh start when another report opens or its data year changes, and the
 * data dialogs. Mounted once in the report screen (a report host of the
 * live-data feature, data/contribution.ts), with or without a chapter open.
 */
export function LiveDataLink() {
  const store = useNumberingStore()
  const notify = useNotify()

  useEffect(() => liveData.onError((m) => notify('error', m)), [notify])

  useEffect(() => {
    const check = () => {
      const r = store.getReport()
      if (r) liveData.noteReport(r.path, r.meta.year)
    }
    check()
    return store.subscribe(check)
  }, [store])

  return <DataDialogs />
}
