import { createContext, useContext } from 'react';
import type { Finding } from '../../../shared/model/migrate';

/** Findings of the current draft, by exact path, for fields to show their own messages. */
export const FindingsContext = createContext<ReadonlyMap<string, readonly Finding[]>>(new Map());

/** The findings whose path is exactly `path`. */
export function useFieldFindings(path: string): readonly Finding[] {
  return useContext(FindingsContext).get(path) ?? NONE;
}
const NONE: readonly Finding[] = [];

/** Groups findings by their exact path. */
export function indexFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.path);
    if (list) list.push(f);
    else out.set(f.path, [f]);
  }
  return out;
}
