import { useState } from 'react';
import type { AuditPackProgressView } from '../../src-shared/ipc/audit-pack-views.js';
import { useJobLifecycle, type JobLifecycle } from './use-job-lifecycle.js';

/** State of an Audit Pack export: its latest progress event and a way to cancel it. */
export interface AuditPackJobControl extends JobLifecycle {
  progress: AuditPackProgressView | null;
}

export function useAuditPackJob(): AuditPackJobControl {
  const [progress, setProgress] = useState<AuditPackProgressView | null>(null);
  const lifecycle = useJobLifecycle(
    (event) => {
      if (event.type === 'audit-pack-progress') setProgress(event.progress);
    },
    () => setProgress(null),
  );
  return { ...lifecycle, progress };
}
