import { useCallback, useEffect, useState } from 'react';
import { asApiError, type ApiError } from './butterfly-client.js';

/** Loads data on mount and on `reload`, keeping the last value, the error and whether a load is running. */
export function useLoad<T>(load: () => Promise<T>, dependencies: readonly unknown[]): { value: T | undefined; error: ApiError | null; loading: boolean; reload: () => void } {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((loaded) => {
        if (!live) return;
        setValue(loaded);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (live) setError(asApiError(caught));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
    // Callers list in `dependencies` the values that `load` reads.
  }, [generation, ...dependencies]);

  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  return { value, error, loading, reload };
}
