import { useState } from 'react';
import type { CaptureProgressView } from '../../src-shared/ipc/ipc-views.js';
import { useJobLifecycle } from './use-job-lifecycle.js';

/** State of one long job (a capture) run from a screen: its progress events and a way to cancel it. */
export interface JobControl {
  running: boolean;
  progress: CaptureProgressView | null;
  /** Runs `work` with a new job id; progress events with that id update `progress` until it settles. */
  run<T>(work: (jobId: string) => Promise<T>): Promise<T>;
  cancel(): void;
}

export function useJob(): JobControl {
  const [progress, setProgress] = useState<CaptureProgressView | null>(null);
  const lifecycle = useJobLifecycle(
    (event) => {
      if (event.type === 'capture-progress') setProgress(event.progress);
    },
    () => setProgress(null),
  );
  return { running: lifecycle.running, progress, run: lifecycle.run, cancel: lifecycle.cancel };
}
