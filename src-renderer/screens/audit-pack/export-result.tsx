import { useEffect, useRef } from 'react';
import type { AuditPackExportView } from '../../../src-shared/ipc/audit-pack-views.js';
import { formatBytes, formatTime } from '../../components/format.js';
import { FRAMEWORK_CHOICES } from './audit-pack-form.js';

/**
 * Shows the written pack and what to record beside it. Focus moves to its heading, so keyboard
 * and screen reader users land on the result.
 */
export function ExportResult({ result }: { result: AuditPackExportView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result]);
  const frameworks = result.frameworks.map((id) => FRAMEWORK_CHOICES.find((choice) => choice.id === id)?.label ?? id);

  return (
    <div className="card export-result" role="region" aria-labelledby="export-result-title">
      <h2 id="export-result-title" ref={heading} tabIndex={-1} className="step-title">
        Audit Pack written
      </h2>
      {result.verificationProblems > 0 && (
        <p className="notice notice-error" role="alert">
          Verifying the vault found {result.verificationProblems} problem(s). The pack reports them in its integrity section; run Verify vault under Snapshots for the
          details before you hand the pack over.
        </p>
      )}
      <dl className="export-facts">
        <dt>File</dt>
        <dd>
          <code>{result.path}</code>
        </dd>
        <dt>Pages</dt>
        <dd>{result.pageCount}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(result.sizeBytes)}</dd>
        <dt>SHA-256</dt>
        <dd>
          <code className="digest">{result.sha256}</code>
        </dd>
        <dt>Covers</dt>
        <dd>
          {result.connectionNames.join(', ')}, from {result.from} to {result.to}, for {frameworks.join(', ')}
        </dd>
        <dt>Generated</dt>
        <dd>
          <time dateTime={result.generatedAt}>{formatTime(result.generatedAt)}</time> ({result.generatedAt})
        </dd>
      </dl>
      <p className="muted">
        Record the SHA-256 beside the file you hand over: anyone can recompute it (for example with <code>sha256sum</code>) to check that the pack was not changed.
      </p>
    </div>
  );
}
