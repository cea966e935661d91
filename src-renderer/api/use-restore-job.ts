import { useState } from 'react';
import type { CaptureProgressView } from '../../src-shared/ipc/ipc-views.js';
import type { RestoreStepEventView } from '../../src-shared/ipc/restore-views.js';
import { useJobLifecycle, type JobLifecycle } from './use-job-lifecycle.js';

/** A long restore job (a dry run, an execution or a resume): capture progress, then one event per step change. */
export interface RestoreJobControl extends JobLifecycle {
  capture: CaptureProgressView | null;
  /** Step events of the current or last job, in arrival order. */
  steps: RestoreStepEventView[];
}

export function useRestoreJob(): RestoreJobControl {
  const [capture, setCapture] = useState<CaptureProgressView | null>(null);
  const [steps, setSteps] = useState<RestoreStepEventView[]>([]);
  const lifecycle = useJobLifecycle(
    (event) => {
      if (event.type === 'capture-progress') setCapture(event.progress);
      else if (event.type === 'restore-step') setSteps((previous) => [...previous, event.event]);
    },
    () => {
      setCapture(null);
      setSteps([]);
    },
  );
  return { ...lifecycle, capture, steps };
}
