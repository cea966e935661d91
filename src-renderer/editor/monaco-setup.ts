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

/**
 * Turns off the JSON outline (document symbols). The app shows no outline, and the diff
 * editor's only use of it is the path printed on each bar of hidden unchanged lines. Monaco
 * 0.57 builds that path by listing every symbol of the document once per bar, on the main
 * thread. On a group of 20,000 members (about 340,000 lines) with 200 changes, that blocked the
 * window for 12.5 s in bench/diff-editor.ts. The bars still show how many lines they hide.
 */
monaco.json.jsonDefaults.setModeConfiguration({ ...monaco.json.jsonDefaults.modeConfiguration, documentSymbols: false });

loader.config({ monaco });
