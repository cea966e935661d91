import type { ConnectionView } from '../../src-shared/ipc/ipc-views.js';

/** A labelled select of the saved connections. */
export function ConnectionPicker({ connections, value, onChange }: { connections: ConnectionView[]; value: string | null; onChange: (name: string) => void }) {
  return (
    <div className="field inline">
      <label htmlFor="connection-picker">Connection</label>
      <select id="connection-picker" value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        {value === null && <option value="">Choose a connection</option>}
        {connections.map((connection) => (
          <option key={connection.name} value={connection.name}>
            {connection.name} ({connection.orgUrl})
          </option>
        ))}
      </select>
    </div>
  );
}
