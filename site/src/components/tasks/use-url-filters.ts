import { useCallback, useEffect, useState } from "react";
import { type Filters, filtersFromUrl, filtersToQuery } from "./filters-url.ts";

/**
 * The list's filters, kept in the page's URL: read from it on load and on Back/Forward, written to
 * it (replacing the entry, so Back leaves the page) on every change.
 */
export function useUrlFilters(): { filters: Filters; changeFilters: (next: Filters) => void } {
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(location.search));
  const changeFilters = useCallback((next: Filters) => {
    const query = filtersToQuery(next);
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
    setFilters(next);
  }, []);
  useEffect(() => {
    const onPop = () => setFilters(filtersFromUrl(location.search));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  return { filters, changeFilters };
}
