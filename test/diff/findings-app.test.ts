import { describe } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { PROD_APP, added, changed, checkCases, removed, replaced, reversed, type FindingCase } from './findings-fixtures.js';

// Findings for the app integration itself, its signing keys and its SAML metadata, from edits of
// the seed's production Atlassian Cloud app.

const KID = 'ZL0Uuxj1LQkP6kjrABllu6OIQ7c1Dhl3ZCBm9MyRlP0';
const NEXT_KID = 'oLqlFELrmtX5cl-CsrNw5bub5LrS0O29Gor68T6kr7k';
const ACS_URL = 'https://auth.atlassian.com/login/callback?connection=saml-559544d7-06f0-4138-96b9-fb428997392f';
const OTHER_ACS_URL = 'https://auth.atlassian.com/login/callback?connection=saml-0000';

function signOn(app: JsonObject): JsonObject {
  return (app['settings'] as JsonObject)['signOn'] as JsonObject;
}

const appCases: FindingCase[] = [
  {
    name: 'app deleted',
    change: () => removed('app', PROD_APP),
    code: 'app-removed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud' was deleted.",
  },
  {
    name: 'app added',
    change: () => added('app', '0oaNEWsandboxApp0001', 'Atlassian Cloud (sandbox)', { id: '0oaNEWsandboxApp0001', label: 'Atlassian Cloud (sandbox)' }),
    code: 'app-added',
    severity: 'medium',
    resourceIds: ['0oaNEWsandboxApp0001'],
    sentence: "App 'Atlassian Cloud (sandbox)' was added.",
  },
  {
    name: 'app deactivated',
    change: () => changed('app', PROD_APP, ['/status'], (app) => { app['status'] = 'INACTIVE'; }),
    code: 'app-deactivated',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud' was deactivated.",
  },
  {
    name: 'app activated',
    change: () => reversed(changed('app', PROD_APP, ['/status'], (app) => { app['status'] = 'INACTIVE'; })),
    code: 'app-activated',
    severity: 'medium',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud' was activated.",
  },
  {
    name: 'signing certificate switched',
    change: () => changed('app', PROD_APP, ['/credentials/signing/kid'], (app) => { ((app['credentials'] as JsonObject)['signing'] as JsonObject)['kid'] = NEXT_KID; }),
    code: 'app-signing-key-changed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: `App 'Atlassian Cloud': signing certificate changed from key ${KID} to key ${NEXT_KID}.`,
  },
  {
    name: 'sign-on method changed',
    change: () => changed('app', PROD_APP, ['/signOnMode'], (app) => { app['signOnMode'] = 'BOOKMARK'; }),
    code: 'app-sign-on-mode-changed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': sign-on method changed from SAML_2_0 to BOOKMARK.",
  },
  {
    name: 'ACS URL changed',
    change: () => changed('app', PROD_APP, ['/settings/signOn/ssoAcsUrl'], (app) => { signOn(app)['ssoAcsUrl'] = OTHER_ACS_URL; }),
    code: 'app-acs-url-changed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: `App 'Atlassian Cloud': ACS URL changed from ${ACS_URL} to ${OTHER_ACS_URL}.`,
  },
  {
    name: 'recipient URL cleared',
    change: () => changed('app', PROD_APP, ['/settings/signOn/recipient'], (app) => { delete signOn(app)['recipient']; }),
    code: 'app-acs-url-changed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: `App 'Atlassian Cloud': Recipient URL cleared (was ${ACS_URL}).`,
  },
  {
    name: 'audience URI changed',
    change: () => changed('app', PROD_APP, ['/settings/signOn/audience'], (app) => { signOn(app)['audience'] = 'https://auth.atlassian.com/saml/other'; }),
    code: 'app-audience-changed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': Audience URI changed from https://auth.atlassian.com/saml/559544d7-06f0-4138-96b9-fb428997392f to https://auth.atlassian.com/saml/other.",
  },
  {
    name: 'name ID format changed',
    change: () => changed('app', PROD_APP, ['/settings/signOn/subjectNameIdFormat'], (app) => {
      signOn(app)['subjectNameIdFormat'] = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
    }),
    code: 'app-name-id-format-changed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': Name ID format changed from urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress to urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified.",
  },
  {
    name: 'attribute statements changed',
    change: () => changed('app', PROD_APP, ['/settings/signOn/attributeStatements'], (app) => {
      const statements = signOn(app)['attributeStatements'] as JsonObject[];
      (statements[4] as JsonObject)['filterValue'] = '^jira-.*$';
      statements.splice(3, 1);
    }),
    code: 'app-attribute-statements-changed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': attribute statements changed: removed `atlassianProducts`, changed `groups`.",
  },
  {
    name: 'signature algorithm changed',
    change: () => changed('app', PROD_APP, ['/settings/signOn/signatureAlgorithm'], (app) => { signOn(app)['signatureAlgorithm'] = 'RSA_SHA1'; }),
    code: 'app-saml-setting-changed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': Signature Algorithm changed from RSA_SHA256 to RSA_SHA1.",
  },
  {
    name: 'unknown SAML setting added',
    change: () => changed('app', PROD_APP, ['/settings/signOn/futureSetting'], (app) => { signOn(app)['futureSetting'] = true; }),
    code: 'app-saml-setting-changed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': SAML setting `futureSetting` set to true.",
  },
  {
    name: 'username format changed',
    change: () => changed('app', PROD_APP, ['/credentials/userNameTemplate/template'], (app) => {
      ((app['credentials'] as JsonObject)['userNameTemplate'] as JsonObject)['template'] = '${source.login}';
    }),
    code: 'app-username-format-changed',
    severity: 'high',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': application username format changed from `${source.email}` to `${source.login}`.",
  },
  {
    name: 'user deactivation turned off',
    change: () => changed('app', PROD_APP, ['/features'], (app) => { app['features'] = (app['features'] as string[]).filter((name) => name !== 'PUSH_USER_DEACTIVATION'); }),
    code: 'app-deprovisioning-changed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': Deactivate Users (PUSH_USER_DEACTIVATION) was turned off.",
  },
  {
    name: 'group push feature removed',
    change: () => changed('app', PROD_APP, ['/features'], (app) => { app['features'] = (app['features'] as string[]).filter((name) => name !== 'GROUP_PUSH'); }),
    code: 'app-features-changed',
    severity: 'medium',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': provisioning features changed: removed GROUP_PUSH.",
  },
  {
    name: 'app renamed',
    change: () => changed('app', PROD_APP, ['/label'], (app) => { app['label'] = 'Atlassian Cloud (prod)'; }, 'Atlassian Cloud (prod)'),
    code: 'app-renamed',
    severity: 'medium',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud' was renamed to 'Atlassian Cloud (prod)'.",
  },
  {
    name: 'admin notes changed',
    change: () => changed('app', PROD_APP, ['/settings/notes/admin'], (app) => { ((app['settings'] as JsonObject)['notes'] as JsonObject)['admin'] = 'Production site.'; }),
    code: 'app-notes-changed',
    severity: 'low',
    resourceIds: [PROD_APP],
    sentence:
      'App \'Atlassian Cloud\': admin notes changed from "Production site. Changes reach every Jira, Confluence, Bitbucket and JSM user; use the sandbox app to try them first." to "Production site.".',
  },
  {
    name: 'app icon hidden',
    change: () => changed('app', PROD_APP, ['/visibility/hide/web'], (app) => { ((app['visibility'] as JsonObject)['hide'] as JsonObject)['web'] = true; }),
    code: 'app-visibility-changed',
    severity: 'low',
    resourceIds: [PROD_APP],
    sentence: "App 'Atlassian Cloud': visibility settings changed: /visibility/hide/web.",
  },
];

const keyCases: FindingCase[] = [
  {
    name: 'signing key deleted',
    change: () => removed('app-signing-key', `${PROD_APP}/${NEXT_KID}`),
    code: 'signing-key-removed',
    severity: 'critical',
    resourceIds: [`${PROD_APP}/${NEXT_KID}`, PROD_APP],
    sentence: `Signing key ${NEXT_KID} of app 'Atlassian Cloud' was deleted.`,
  },
  {
    name: 'signing key added',
    change: () => added('app-signing-key', `${PROD_APP}/kidNEW`, 'Atlassian Cloud: key kidNEW', { kid: 'kidNEW', kty: 'RSA' }),
    code: 'signing-key-added',
    severity: 'medium',
    resourceIds: [`${PROD_APP}/kidNEW`, PROD_APP],
    sentence: "Signing key kidNEW of app 'Atlassian Cloud' was added.",
  },
  {
    name: 'signing key certificate changed',
    change: () => changed('app-signing-key', `${PROD_APP}/${KID}`, ['/x5c'], (key) => { key['x5c'] = ['MIIBoth']; }),
    code: 'signing-key-certificate-changed',
    severity: 'critical',
    resourceIds: [`${PROD_APP}/${KID}`, PROD_APP],
    sentence: `Signing key ${KID} of app 'Atlassian Cloud': certificate changed.`,
  },
  {
    name: 'SAML metadata changed',
    change: () => replaced('app-saml-metadata', PROD_APP, [''], () => '<md:EntityDescriptor entityID="http://www.okta.com/exk2"/>'),
    code: 'saml-metadata-changed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "SAML metadata of app 'Atlassian Cloud' changed.",
  },
  {
    name: 'SAML metadata gone',
    change: () => removed('app-saml-metadata', PROD_APP),
    code: 'saml-metadata-removed',
    severity: 'critical',
    resourceIds: [PROD_APP],
    sentence: "SAML metadata of app 'Atlassian Cloud' is no longer published.",
  },
];

describe('app findings', () => checkCases(appCases));
describe('signing key and metadata findings', () => checkCases(keyCases));
