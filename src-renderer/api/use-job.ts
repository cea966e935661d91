import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptureProgressView } from '../../src-shared/ipc/ipc-views.js';
import { callApi } from './butterfly-client.js';

/** State of one long job (a capture) run from a screen: its progress events and a way to cancel it. */
export interface JobControl {
  running: boolean;
  progress: CaptureProgressView | null;
  /** Runs `work` with a new job id; progress events with that id update `progress` until it settles. */
  run<T>(work: (jobId: string) => Promise<T>): Promise<T>;
  cancel(): void;
}

export function useJob(): JobControl {
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<CaptureProgressView | null>(null);
  const current = useRef<string | null>(null);

  useEffect(() => {
    const api = window.butterfly;
    if (api === undefined) return undefined;
    return api.onJobEvent((event) => {
      if (event.jobId === current.current && event.type === 'capture-progress') setProgress(event.progress);
    });
  }, []);

  const run = useCallback(async <T,>(work: (id: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    current.current = id;
    setJobId(id);
    setProgress(null);
    try {
      return await work(id);
    } finally {
      current.current = null;
      setJobId(null);
    }
  }, []);

  const cancel = useCallback(() => {
    const id = current.current;
    if (id !== null) void callApi('cancelJob', { jobId: id });
  }, []);

  return { running: jobId !== null, progress, run, cancel };
}
