import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaptureProgressView } from '../../src-shared/ipc/ipc-views.js';
import type { RestoreStepEventView } from '../../src-shared/ipc/restore-views.js';
import { callApi } from './butterfly-client.js';

/** A long restore job (a dry run, an execution or a resume): capture progress, then one event per step change. */
export interface RestoreJobControl {
  running: boolean;
  capture: CaptureProgressView | null;
  /** Step events of the current or last job, in arrival order. */
  steps: RestoreStepEventView[];
  run<T>(work: (jobId: string) => Promise<T>): Promise<T>;
  cancel(): void;
  /** Whether cancel was asked for the current job. */
  cancelling: boolean;
}

export function useRestoreJob(): RestoreJobControl {
  const [running, setRunning] = useState(false);
  const [capture, setCapture] = useState<CaptureProgressView | null>(null);
  const [steps, setSteps] = useState<RestoreStepEventView[]>([]);
  const [cancelling, setCancelling] = useState(false);
  const current = useRef<string | null>(null);

  useEffect(() => {
    const api = window.butterfly;
    if (api === undefined) return undefined;
    return api.onJobEvent((event) => {
      if (event.jobId !== current.current) return;
      if (event.type === 'capture-progress') setCapture(event.progress);
      else if (event.type === 'restore-step') setSteps((previous) => [...previous, event.event]);
    });
  }, []);

  const run = useCallback(async <T,>(work: (id: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    current.current = id;
    setRunning(true);
    setCancelling(false);
    setCapture(null);
    setSteps([]);
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

  return { running, capture, steps, run, cancel, cancelling };
}
