import { perStore } from '../store/perStore'
import { ReportData } from './reportData'

/** One ReportData (and so one formula engine) per open report file (see perStore). */
export const reportData = perStore((store) => new ReportData(store))
