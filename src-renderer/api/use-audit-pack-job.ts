import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditPackProgressView } from '../../src-shared/ipc/audit-pack-views.js';
import { callApi } from './butterfly-client.js';

/** State of an Audit Pack export: its latest progress event and a way to cancel it. */
export interface AuditPackJobControl {
  running: boolean;
  progress: AuditPackProgressView | null;
  /** Whether cancel was asked for the current export. */
  cancelling: boolean;
  run<T>(work: (jobId: string) => Promise<T>): Promise<T>;
  cancel(): void;
}

export function useAuditPackJob(): AuditPackJobControl {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<AuditPackProgressView | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const current = useRef<string | null>(null);

  useEffect(() => {
    const api = window.butterfly;
    if (api === undefined) return undefined;
    return api.onJobEvent((event) => {
      if (event.jobId === current.current && event.type === 'audit-pack-progress') setProgress(event.progress);
    });
  }, []);

  const run = useCallback(async <T,>(work: (id: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    current.current = id;
    setRunning(true);
    setCancelling(false);
    setProgress(null);
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

  return { running, progress, cancelling, run, cancel };
}
