import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/**
 * Points @monaco-editor/react at the Monaco bundled with the app instead of its default CDN
 * copy, and starts Monaco's workers from the app's own files (the CSP allows workers from
 * 'self' only). Imported once, by the diff editor module.
 */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

loader.config({ monaco });
