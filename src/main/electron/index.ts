import { startElectronApp } from './main'

startElectronApp()
