import { createContext, useContext, type ReactNode } from 'react'
import { NO_CONTRIBUTIONS, type Contributions } from './feature'

const ContributionsContext = createContext<Contributions>(NO_CONTRIBUTIONS)

/** Gives the editor core what the features add (app/features.ts provides it at the top of the window). */
export function FeaturesProvider({ contributions, children }: { contributions: Contributions; children: ReactNode }) {
  return <ContributionsContext.Provider value={contributions}>{children}</ContributionsContext.Provider>
}

/** What the features add: node views and behaviour, toolbar menus, panels, header buttons, hosts. */
export function useContributions(): Contributions {
  return useContext(ContributionsContext)
}
