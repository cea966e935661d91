import type { CaptureProgressView } from '../../src-shared/ipc/ipc-views.js';

/** A capture's progress bar with the section being read, the request count and any wait or retry. */
export function CaptureProgress({ progress, onCancel }: { progress: CaptureProgressView | null; onCancel: () => void }) {
  const done = progress?.sectionsDone ?? 0;
  const total = progress?.sectionsTotal ?? 1;
  return (
    <div className="capture-progress" aria-live="polite">
      <label>
        Capturing: {done} of {total} sections
        {progress?.currentSection ? `, reading ${progress.currentSection}` : ''}, {progress?.requests ?? 0} requests
        <progress max={total} value={done} />
      </label>
      {progress?.notice && <p className="muted">{progress.notice}</p>}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
