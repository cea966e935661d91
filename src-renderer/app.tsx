import { useState } from 'react';
import { AuditPackScreen } from './screens/audit-pack/audit-pack-screen.js';
import { CompareScreen, type CompareSelection } from './screens/compare-screen.js';
import { ConnectionsScreen } from './screens/connections-screen.js';
import { DrillScreen } from './screens/drill-screen.js';
import { RestoreScreen, type RestorePrefill } from './screens/restore/restore-screen.js';
import { RestoresScreen } from './screens/restores-screen.js';
import { SnapshotsScreen } from './screens/snapshots-screen.js';

type Screen = 'connections' | 'snapshots' | 'compare' | 'restore' | 'restores' | 'audit-pack' | 'drill';

const SCREENS: { id: Screen; title: string }[] = [
  { id: 'connections', title: 'Connections' },
  { id: 'snapshots', title: 'Snapshots' },
  { id: 'compare', title: 'Compare' },
  { id: 'restore', title: 'Restore' },
  { id: 'restores', title: 'Restore journal' },
  { id: 'audit-pack', title: 'Audit Pack' },
  { id: 'drill', title: 'Drill mode' },
];

/** Shows the app shell: a navigation bar and the current screen. Screens share the chosen connection and compare selection. */
export function App() {
  const [screen, setScreen] = useState<Screen>('connections');
  const [connectionName, setConnectionName] = useState<string | null>(null);
  const [selection, setSelection] = useState<CompareSelection | null>(null);
  const [compareKey, setCompareKey] = useState(0);
  const [restorePrefill, setRestorePrefill] = useState<RestorePrefill | null>(null);
  const [restoreKey, setRestoreKey] = useState(0);
  const [journalId, setJournalId] = useState<string | null>(null);

  const openCompare = (name: string | null, next: CompareSelection): void => {
    if (name !== null) setConnectionName(name);
    setSelection(next);
    setCompareKey((key) => key + 1);
    setScreen('compare');
  };

  // A new key remounts the wizard, so a prefill starts it afresh at the scope step.
  const openRestore = (prefill: RestorePrefill | null): void => {
    if (prefill !== null) setConnectionName(prefill.connectionName);
    setRestorePrefill(prefill);
    setRestoreKey((key) => key + 1);
    setScreen('restore');
  };

  const openJournal = (restoreId: string | null): void => {
    setJournalId(restoreId);
    setScreen('restores');
  };

  // The wizard and the journal open afresh from the navigation bar, without a prefill.
  const openFromNavigation = (id: Screen): void => {
    if (id === 'restore') openRestore(null);
    else if (id === 'restores') openJournal(null);
    else setScreen(id);
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand" aria-hidden="true">
          Butterfly
        </span>
        <nav aria-label="Screens">
          <ul>
            {SCREENS.map((entry) => (
              <li key={entry.id}>
                <button type="button" className="nav-button" aria-current={screen === entry.id ? 'page' : undefined} onClick={() => openFromNavigation(entry.id)}>
                  {entry.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {screen === 'connections' && (
          <ConnectionsScreen
            onOpenSnapshots={(name) => {
              setConnectionName(name);
              setScreen('snapshots');
            }}
          />
        )}
        {screen === 'snapshots' && (
          <SnapshotsScreen
            connectionName={connectionName}
            onConnectionChange={setConnectionName}
            onCompare={(beforeId, after) => openCompare(null, { beforeId, after })}
            onExportAuditPack={(name) => {
              setConnectionName(name);
              setScreen('audit-pack');
            }}
          />
        )}
        {screen === 'compare' && (
          <CompareScreen key={compareKey} connectionName={connectionName} onConnectionChange={setConnectionName} selection={selection} onRestore={(name, snapshotId) => openRestore({ connectionName: name, snapshotId })} />
        )}
        {screen === 'restore' && (
          <RestoreScreen key={restoreKey} connectionName={connectionName} onConnectionChange={setConnectionName} prefill={restorePrefill} onOpenJournal={openJournal} onRestoreSnapshot={openRestore} />
        )}
        {screen === 'restores' && <RestoresScreen key={journalId ?? ''} initialRestoreId={journalId} onUndo={(record) => record.preRestoreSnapshotId !== null && openRestore({ connectionName: record.connectionName, snapshotId: record.preRestoreSnapshotId })} />}
        {screen === 'audit-pack' && <AuditPackScreen connectionName={connectionName} />}
        {screen === 'drill' && (
          <DrillScreen onCompare={(name, beforeId, afterId) => openCompare(name, { beforeId, after: afterId })} onRestore={(name, snapshotId) => openRestore({ connectionName: name, snapshotId })} />
        )}
      </main>
    </div>
  );
}
