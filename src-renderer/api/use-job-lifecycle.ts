import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';
import { callApi } from './butterfly-client.js';

/** The part every long job shares: whether it runs, whether a cancel was asked, and how to run and cancel it. */
export interface JobLifecycle {
  running: boolean;
  /** Whether cancel was asked for the current job. */
  cancelling: boolean;
  /** Runs `work` with a new job id; events with that id reach `onEvent` until it settles. */
  run<T>(work: (jobId: string) => Promise<T>): Promise<T>;
  cancel(): void;
}

/**
 * Runs long jobs one at a time from a screen. `onEvent` receives the events of the current job,
 * and `reset` clears the screen's progress state when a new job starts.
 */
export function useJobLifecycle(onEvent: (event: JobEvent) => void, reset: () => void): JobLifecycle {
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const current = useRef<string | null>(null);
  const handlers = useRef({ onEvent, reset });
  handlers.current = { onEvent, reset };

  useEffect(() => {
    const api = window.butterfly;
    if (api === undefined) return undefined;
    return api.onJobEvent((event) => {
      if (event.jobId === current.current) handlers.current.onEvent(event);
    });
  }, []);

  const run = useCallback(async <T,>(work: (id: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    current.current = id;
    setRunning(true);
    setCancelling(false);
    handlers.current.reset();
    try {
      return await work(id);
    } finally {
      current.current = null;
      setRunning(false);
    }
  }, []);

  const cancel = useCallback(() => {
    const id = current.current;
    if (id === null) return;
    setCancelling(true);
    void callApi('cancelJob', { jobId: id });
  }, []);

  return { running, cancelling, run, cancel };
}
