import type { ApiError } from '../api/butterfly-client.js';
import { NEXT_STEPS } from '../api/next-steps.js';

/** An error with what to do next; announced to screen readers as it appears. */
export function ErrorNotice({ error, onDismiss }: { error: ApiError | null; onDismiss?: () => void }) {
  if (error === null) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-message">{error.message}</p>
      <p className="notice-next">
        <strong>What to do: </strong>
        {NEXT_STEPS[error.code]}
      </p>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
