import { useState } from 'react';
import { CompareScreen, type CompareSelection } from './screens/compare-screen.js';
import { ConnectionsScreen } from './screens/connections-screen.js';
import { DrillScreen } from './screens/drill-screen.js';
import { SnapshotsScreen } from './screens/snapshots-screen.js';

type Screen = 'connections' | 'snapshots' | 'compare' | 'drill';

const SCREENS: { id: Screen; title: string }[] = [
  { id: 'connections', title: 'Connections' },
  { id: 'snapshots', title: 'Snapshots' },
  { id: 'compare', title: 'Compare' },
  { id: 'drill', title: 'Drill mode' },
];

/** The app shell: a navigation bar and the current screen. Screens share the chosen connection and compare selection. */
export function App() {
  const [screen, setScreen] = useState<Screen>('connections');
  const [connectionName, setConnectionName] = useState<string | null>(null);
  const [selection, setSelection] = useState<CompareSelection | null>(null);
  const [compareKey, setCompareKey] = useState(0);

  const openCompare = (name: string | null, next: CompareSelection): void => {
    if (name !== null) setConnectionName(name);
    setSelection(next);
    setCompareKey((key) => key + 1);
    setScreen('compare');
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
                <button type="button" className="nav-button" aria-current={screen === entry.id ? 'page' : undefined} onClick={() => setScreen(entry.id)}>
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
        {screen === 'snapshots' && <SnapshotsScreen connectionName={connectionName} onConnectionChange={setConnectionName} onCompare={(beforeId, after) => openCompare(null, { beforeId, after })} />}
        {screen === 'compare' && <CompareScreen key={compareKey} connectionName={connectionName} onConnectionChange={setConnectionName} selection={selection} />}
        {screen === 'drill' && <DrillScreen onCompare={(name, beforeId, afterId) => openCompare(name, { beforeId, after: afterId })} />}
      </main>
    </div>
  );
}
