import { useEffect, useState } from 'react';
import type { ConventionSummaryDto } from '../../shared/ipc/channels/conventions';
import { api, unwrap } from '../api';
import type { Facets } from './list-filter';

/**
 * The date and parties of each listed convention (`convention:facets`), asked again whenever
 * the list changes; empty until main answers (the list shows meanwhile, filters catch up).
 */
export function useFacets(conventions: readonly ConventionSummaryDto[] | null): ReadonlyMap<string, Facets> {
  const [facets, setFacets] = useState<ReadonlyMap<string, Facets>>(new Map());
  useEffect(() => {
    if (!conventions) return;
    let current = true;
    unwrap(api().conventionFacets()).then(
      (list) => current && setFacets(new Map(list.map((f) => [f.id, { date: f.date, parties: f.parties }]))),
      () => undefined, // the list itself reports a failing main; filters then only miss the parties and years
    );
    return () => {
      current = false;
    };
  }, [conventions]);
  return facets;
}
