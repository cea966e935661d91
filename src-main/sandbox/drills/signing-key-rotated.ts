import { idOf, objectAt, requireObject } from './drill-json.js';
import type { Drill } from './drill-types.js';
import { findAppByLabel, PRODUCTION_APP_LABEL } from './org-lookups.js';

/** Okta accepts 2 to 10 years; the drill uses the shortest. */
const VALIDITY_YEARS = 2;

export const signingKeyRotated: Drill = {
  name: 'signing-key-rotated',
  title: 'A new SAML signing key becomes the active one',
  description:
    `A new SAML signing key (valid ${VALIDITY_YEARS} years) is generated for the production app and made its active key. ` +
    'Atlassian still trusts the old certificate, so every SAML sign-in fails until the new one is uploaded there.',

  async apply(api) {
    const found = await findAppByLabel(api, PRODUCTION_APP_LABEL);
    const appId = idOf(found, 'an app');
    const app = await api.get(`/api/v1/apps/${appId}`);
    const credentials = objectAt(app, 'credentials');
    const signing = objectAt(credentials, 'signing');
    const previousKid = String(signing['kid'] ?? 'none');

    const key = requireObject(await api.post(`/api/v1/apps/${appId}/credentials/keys/generate?validityYears=${VALIDITY_YEARS}`), 'the new signing key');
    const kid = String(key['kid']);
    // The app goes back whole: PUT replaces it, and a field left out would be dropped.
    await api.put(`/api/v1/apps/${appId}`, { ...app, credentials: { ...credentials, signing: { ...signing, kid } } });

    const label = String(app['label']);
    api.touch({ kind: 'app-signing-key', id: `${appId}/${kid}`, name: `${label}: key ${kid.slice(0, 12)}`, change: 'created', cause: 'request', detail: `generated, valid ${VALIDITY_YEARS} years` });
    api.touch({ kind: 'app', id: appId, name: label, change: 'updated', cause: 'request', detail: `credentials.signing.kid changed from ${previousKid} to ${kid}` });
    api.touch({ kind: 'app-saml-metadata', id: appId, name: `${label}: SAML metadata`, change: 'updated', cause: 'side-effect', detail: 'the metadata now carries the new certificate' });
    return api.report(this.name);
  },
};
