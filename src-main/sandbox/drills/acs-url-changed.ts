import { idOf, objectAt } from './drill-json.js';
import type { Drill } from './drill-types.js';
import { findAppByLabel, PRODUCTION_APP_LABEL, targetMissing } from './org-lookups.js';

/** An invented Atlassian SAML connection that belongs to none of Northwind Quanta's sites. */
export const WRONG_ACS_URL = 'https://auth.atlassian.com/login/callback?connection=saml-3b0f6a52-7c4e-4d19-9e8a-51c2d7f0b6e4';

export const acsUrlChanged: Drill = {
  name: 'acs-url-changed',
  title: 'The SAML ACS URL points to another Atlassian site',
  description:
    "The production app's settings.signOn.ssoAcsUrl, recipient and destination are set to the SAML connection of a " +
    'different Atlassian organisation, as when a URL is pasted from the wrong admin tab. Every SAML response goes ' +
    "to a connection that is not the company's, so no one can sign in to Jira, Confluence, Bitbucket or JSM.",

  async apply(api) {
    const found = await findAppByLabel(api, PRODUCTION_APP_LABEL);
    const appId = idOf(found, 'an app');
    const app = await api.get(`/api/v1/apps/${appId}`);
    const settings = objectAt(app, 'settings');
    const signOn = objectAt(settings, 'signOn');
    const previous = signOn['ssoAcsUrl'];
    if (typeof previous !== 'string') throw targetMissing(api, `settings.signOn.ssoAcsUrl on the app '${String(app['label'])}' (${appId})`);

    const wrongSignOn = { ...signOn, ssoAcsUrl: WRONG_ACS_URL, recipient: WRONG_ACS_URL, destination: WRONG_ACS_URL };
    // The app goes back whole: PUT replaces it, and a field left out would be dropped.
    await api.put(`/api/v1/apps/${appId}`, { ...app, settings: { ...settings, signOn: wrongSignOn } });

    api.touch({
      kind: 'app',
      id: appId,
      name: String(app['label']),
      change: 'updated',
      cause: 'request',
      detail: `settings.signOn.ssoAcsUrl, recipient and destination changed from ${previous} to ${WRONG_ACS_URL}`,
    });
    return api.report(this.name);
  },
};
