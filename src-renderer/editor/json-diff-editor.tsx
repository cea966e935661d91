import './monaco-setup.js';
import { DiffEditor } from '@monaco-editor/react';
import type { editor } from 'monaco-editor';
import { useEffect, useRef } from 'react';
import { usePrefersDark } from './use-color-scheme.js';

/**
 * Monaco's diff editor on two JSON texts, read-only and always side by side: the inline view
 * Monaco switches to on narrow windows is turned off. The rest of the app uses this component
 * and never Monaco's API. Large documents stay responsive because the diff runs in a worker
 * with a time limit, and unchanged regions fold away.
 */
export default function JsonDiffEditor({ before, after, label }: { before: string; after: string; label: string }) {
  const dark = usePrefersDark();
  const models = useRef<editor.IDiffEditorModel | null>(null);

  // @monaco-editor/react 4.7 disposes the text models before the diff editor on unmount, which
  // Monaco 0.57 reports as an error. The wrapper keeps the models instead, and they are
  // disposed here once the editor itself is gone (after the unmount's synchronous cleanups).
  useEffect(
    () => () => {
      const current = models.current;
      queueMicrotask(() => {
        current?.original.dispose();
        current?.modified.dispose();
      });
    },
    [],
  );

  return (
    <div className="diff-editor" role="region" aria-label={label}>
      <DiffEditor
        original={before}
        modified={after}
        language="json"
        theme={dark ? 'vs-dark' : 'vs'}
        height="100%"
        loading={<p className="muted">Loading the editor…</p>}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={(diffEditor) => {
          models.current = diffEditor.getModel();
        }}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          useInlineViewWhenSpaceIsLimited: false,
          enableSplitViewResizing: true,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          maxComputationTime: 5000,
          hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5, revealLineCount: 20 },
          ariaLabel: label,
        }}
      />
    </div>
  );
}
