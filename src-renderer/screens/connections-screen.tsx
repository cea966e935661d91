import { useState, type FormEvent } from 'react';
import type { ConnectionCheckView, ConnectionView, PermissionCheck } from '../../src-shared/ipc/ipc-views.js';
import { asApiError, callApi, type ApiError } from '../api/butterfly-client.js';
import { useLoad } from '../api/use-async.js';
import { ErrorNotice } from '../components/error-notice.js';
import { formatTime } from '../components/format.js';

type Method = 'api-token' | 'private-key';

/** Saved connections, adding one (API token or service app), testing one, and the one-click sandbox demo. */
export function ConnectionsScreen({ onOpenSnapshots }: { onOpenSnapshots: (connectionName: string) => void }) {
  const connections = useLoad(() => callApi('listConnections', {}), []);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [check, setCheck] = useState<ConnectionCheckView | null>(null);

  const act = async (label: string, work: () => Promise<void>): Promise<void> => {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const addDemo = () =>
    act('demo', async () => {
      await callApi('startSandbox', {});
      connections.reload();
    });

  const test = (name: string) =>
    act(`test:${name}`, async () => {
      setCheck(await callApi('testConnection', { name }));
    });

  return (
    <section aria-labelledby="connections-title" className="screen">
      <h1 id="connections-title">Connections</h1>
      <ErrorNotice error={error ?? connections.error} onDismiss={() => setError(null)} />

      <div className="card">
        <h2>Try it on the sandbox org</h2>
        <p className="muted">Starts a local Okta org on this machine (an invented Atlassian-stack company) and saves a connection to it named sandbox-demo.</p>
        <button type="button" className="primary" onClick={() => void addDemo()} disabled={busy !== null}>
          {busy === 'demo' ? 'Starting the sandbox…' : 'Add the sandbox demo connection'}
        </button>
      </div>

      <div className="card">
        <h2>Saved connections</h2>
        {connections.value === undefined ? (
          <p className="muted">{connections.loading ? 'Loading…' : 'Could not load the connections.'}</p>
        ) : connections.value.length === 0 ? (
          <p className="muted">No connection yet. Add the sandbox demo above, or an Okta org below.</p>
        ) : (
          <ConnectionTable connections={connections.value} busy={busy} onTest={(name) => void test(name)} onOpenSnapshots={onOpenSnapshots} />
        )}
      </div>

      {check && <CheckResult check={check} onClose={() => setCheck(null)} />}

      <AddConnectionForm onAdded={() => connections.reload()} />
    </section>
  );
}

function ConnectionTable({ connections, busy, onTest, onOpenSnapshots }: { connections: ConnectionView[]; busy: string | null; onTest: (name: string) => void; onOpenSnapshots: (name: string) => void }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Org</th>
          <th scope="col">Signs in with</th>
          <th scope="col">Snapshots</th>
          <th scope="col">Added</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {connections.map((connection) => (
          <tr key={connection.name}>
            <th scope="row">{connection.name}</th>
            <td>{connection.orgUrl}</td>
            <td>{connection.auth.type === 'api-token' ? 'API token' : `Service app ${connection.auth.clientId}`}</td>
            <td>{connection.snapshotCount}</td>
            <td>{formatTime(connection.createdAt)}</td>
            <td className="actions">
              <button type="button" onClick={() => onTest(connection.name)} disabled={busy !== null} aria-label={`Test connection ${connection.name}`}>
                {busy === `test:${connection.name}` ? 'Testing…' : 'Test'}
              </button>
              <button type="button" onClick={() => onOpenSnapshots(connection.name)} aria-label={`Snapshots of ${connection.name}`}>
                Snapshots
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CheckResult({ check, onClose }: { check: ConnectionCheckView; onClose: () => void }) {
  const missing = [...check.capture, ...check.restore].filter((entry) => entry.status === 'missing');
  return (
    <div className="card" role="region" aria-label={`Test result of ${check.connectionName}`}>
      <h2>
        Test of {check.connectionName}: {!check.reachable ? 'the org did not answer' : missing.length === 0 ? 'no missing permission found' : `${missing.length} permission(s) missing`}
      </h2>
      <div className="two-columns">
        <PermissionList title="For snapshots" entries={check.capture} />
        <PermissionList title="For restores" entries={check.restore} />
      </div>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

function PermissionList({ title, entries }: { title: string; entries: PermissionCheck[] }) {
  return (
    <div>
      <h3>{title}</h3>
      <ul className="permission-list">
        {entries.map((entry) => (
          <li key={entry.scope} className={`permission permission-${entry.status}`}>
            <span className="badge">{entry.status}</span> <code>{entry.scope}</code>
            <div className="muted">{entry.detail}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AddConnectionForm({ onAdded }: { onAdded: () => void }) {
  const [method, setMethod] = useState<Method>('api-token');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string): string => String(data.get(name) ?? '').trim();
    const scopes = text('scopes').split(/[\s,]+/).filter(Boolean);
    const credential =
      method === 'api-token'
        ? { type: 'api-token' as const, token: text('token') }
        : { type: 'private-key' as const, clientId: text('clientId'), privateKeyPem: String(data.get('privateKey') ?? ''), ...(scopes.length > 0 ? { scopes } : {}), ...(text('keyId') ? { keyId: text('keyId') } : {}) };

    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      const connection = await callApi('addConnection', { name: text('name'), orgUrl: text('orgUrl'), credential, replace: data.get('replace') === 'on' });
      form.reset();
      setSaved(connection.name);
      onAdded();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="add-connection-title">
      <h2 id="add-connection-title">Add an Okta org</h2>
      <p className="muted">Butterfly checks the credential with one read, then keeps it in the OS keychain. It is never shown again.</p>
      <div className="field">
        <label htmlFor="connection-name">Name</label>
        <input id="connection-name" name="name" required maxLength={100} placeholder="prod" autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="connection-org">Org URL</label>
        <input id="connection-org" name="orgUrl" required type="url" placeholder="https://acme.okta.com" autoComplete="off" />
      </div>
      <fieldset className="field">
        <legend>Sign in with</legend>
        <label>
          <input type="radio" name="method" checked={method === 'api-token'} onChange={() => setMethod('api-token')} /> API token
        </label>
        <label>
          <input type="radio" name="method" checked={method === 'private-key'} onChange={() => setMethod('private-key')} /> OAuth 2.0 service app and private key
        </label>
      </fieldset>
      {method === 'api-token' ? (
        <div className="field">
          <label htmlFor="connection-token">API token</label>
          <input id="connection-token" name="token" type="password" required autoComplete="off" spellCheck={false} />
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="connection-client">Client id</label>
            <input id="connection-client" name="clientId" required autoComplete="off" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="connection-key">Private key (PEM, RSA)</label>
            <textarea id="connection-key" name="privateKey" required rows={5} spellCheck={false} placeholder="-----BEGIN PRIVATE KEY-----" />
          </div>
          <div className="field">
            <label htmlFor="connection-scopes">Scopes (space-separated; empty for the read-only scopes a snapshot needs)</label>
            <input id="connection-scopes" name="scopes" autoComplete="off" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="connection-kid">Key id (optional)</label>
            <input id="connection-kid" name="keyId" autoComplete="off" spellCheck={false} />
          </div>
        </>
      )}
      <label className="checkbox">
        <input type="checkbox" name="replace" /> Replace the saved connection with this name
      </label>
      <ErrorNotice error={error} />
      {saved && (
        <p className="notice" role="status">
          Saved connection {saved}.
        </p>
      )}
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Checking…' : 'Check and save'}
      </button>
    </form>
  );
}
