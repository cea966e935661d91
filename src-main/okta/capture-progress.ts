import type { ResourceKind, SectionState } from '../../src-shared/snapshot/snapshot-model.js';

/** Events a capture reports while it runs, for a progress bar in the CLI and the desktop app. */
export type CaptureEvent =
  | { type: 'section-started'; section: ResourceKind }
  | { type: 'section-finished'; section: ResourceKind; state: SectionState }
  | { type: 'page'; path: string; items: number; pages: number }
  | { type: 'request'; method: string; path: string }
  | { type: 'rate-limit-wait'; path: string; waitMs: number; reason: 'headroom' | '429' }
  | { type: 'retry'; path: string; attempt: number; delayMs: number; reason: string };

export type CaptureListener = (event: CaptureEvent) => void;
