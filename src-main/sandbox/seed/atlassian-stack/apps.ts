import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import { PROD_SITE_URL, SANDBOX_SITE_URL, isoTime, seedId, seedUuid } from './org-facts.js';
import { SIGNING_KEY_NAMES, findSigningKey, toKeyCredential, type SigningKeyMaterial } from './signing-keys.js';

/**
 * The two Atlassian Cloud SAML 2.0 app instances: production (with SCIM provisioning) and the
 * sandbox site (SSO only), and their signing keys.
 */

/** The Okta Integration Network name of the Atlassian Cloud app, shared by every instance. */
export const ATLASSIAN_APP_NAME = 'atlassian';

export const PROD_APP_ID = seedId('app', 'atlassian-prod');
export const SANDBOX_APP_ID = seedId('app', 'atlassian-sandbox');

/** Atlassian's identifier of each site's SAML configuration, the suffix of its SP entity id. */
const PROD_SAML_ID = seedUuid('atlassian-saml/prod');
const SANDBOX_SAML_ID = seedUuid('atlassian-saml/sandbox');

export const PROD_APP_LABEL = 'Atlassian Cloud';
export const SANDBOX_APP_LABEL = 'Atlassian Cloud (sandbox site)';

/** Atlassian product keys, the values of the `atlassianProducts` app user attribute. */
export const ATLASSIAN_PRODUCTS = ['jira-software', 'confluence', 'bitbucket', 'jira-servicemanagement'] as const;

const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const URI_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const UNSPECIFIED_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';

interface AppPlan {
  id: string;
  label: string;
  created: string;
  lastUpdated: string;
  siteUrl: string;
  samlId: string;
  kid: string;
  features: string[];
  adminNote: string;
  /** SAML attribute statements beyond the given name, surname and email claims that Atlassian reads. */
  extraAttributeStatements: JsonObject[];
}

export interface AppSection {
  apps: JsonObject[];
  appKeys: Record<string, JsonObject[]>;
}

/** Builds both app bodies and their signing keys, the active key first. */
export function buildApps(signingKeys: readonly SigningKeyMaterial[]): AppSection {
  const prodCurrent = toKeyCredential(findSigningKey(signingKeys, SIGNING_KEY_NAMES.prodCurrent));
  const prodPrevious = toKeyCredential(findSigningKey(signingKeys, SIGNING_KEY_NAMES.prodPrevious));
  const sandboxCurrent = toKeyCredential(findSigningKey(signingKeys, SIGNING_KEY_NAMES.sandboxCurrent));

  const productsStatement: JsonObject = {
    type: 'EXPRESSION',
    name: 'atlassianProducts',
    namespace: UNSPECIFIED_FORMAT,
    values: ['appuser.atlassianProducts'],
  };
  const prod = samlApp({
    id: PROD_APP_ID,
    label: PROD_APP_LABEL,
    created: isoTime(Date.parse('2025-02-24T16:20:30.000Z')),
    // The app changed last when its signing key was rotated to the 2026 key.
    lastUpdated: isoTime(Date.parse('2026-01-19T10:04:12.000Z')),
    siteUrl: PROD_SITE_URL,
    samlId: PROD_SAML_ID,
    kid: String(prodCurrent['kid']),
    features: ['GROUP_PUSH', 'PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION', 'REACTIVATE_USERS'],
    adminNote: 'Production site. Changes reach every Jira, Confluence, Bitbucket and JSM user; use the sandbox app to try them first.',
    extraAttributeStatements: [
      productsStatement,
      {
        type: 'GROUP',
        name: 'groups',
        namespace: UNSPECIFIED_FORMAT,
        filterType: 'REGEX',
        filterValue: '^(jira-.*|confluence-.*|bitbucket-.*|CS-jsm-agents|site-admins)$',
      },
    ],
  });
  const sandbox = samlApp({
    id: SANDBOX_APP_ID,
    label: SANDBOX_APP_LABEL,
    created: isoTime(Date.parse('2025-06-09T13:45:04.000Z')),
    lastUpdated: isoTime(Date.parse('2025-11-03T09:12:48.000Z')),
    siteUrl: SANDBOX_SITE_URL,
    samlId: SANDBOX_SAML_ID,
    kid: String(sandboxCurrent['kid']),
    features: [],
    adminNote: 'Sandbox site for testing Atlassian configuration. No provisioning: accounts are created at first sign-in.',
    extraAttributeStatements: [productsStatement],
  });

  return {
    apps: [prod, sandbox],
    appKeys: {
      [PROD_APP_ID]: [prodCurrent, prodPrevious],
      [SANDBOX_APP_ID]: [sandboxCurrent],
    },
  };
}

function samlApp(plan: AppPlan): JsonObject {
  const acsUrl = `https://auth.atlassian.com/login/callback?connection=saml-${plan.samlId}`;
  return {
    id: plan.id,
    name: ATLASSIAN_APP_NAME,
    label: plan.label,
    status: 'ACTIVE',
    created: plan.created,
    lastUpdated: plan.lastUpdated,
    accessibility: { selfService: false },
    visibility: {
      autoLaunch: false,
      autoSubmitToolbar: false,
      hide: { iOS: false, web: false },
      appLinks: { [`${ATLASSIAN_APP_NAME}_link`]: true },
    },
    features: plan.features,
    signOnMode: 'SAML_2_0',
    credentials: {
      userNameTemplate: { template: '${source.email}', type: 'BUILT_IN' },
      signing: { kid: plan.kid },
    },
    settings: {
      // NOTE: Okta does not document the instance properties of the Atlassian Cloud catalog
      // app. These two names are placeholders for what a real instance returns here.
      app: { siteUrl: plan.siteUrl, samlUniqueId: plan.samlId },
      notifications: { vpn: { network: { connection: 'DISABLED' } } },
      manualProvisioning: false,
      implicitAssignment: false,
      notes: { admin: plan.adminNote },
      signOn: {
        defaultRelayState: 'https://start.atlassian.com',
        ssoAcsUrl: acsUrl,
        idpIssuer: 'http://www.okta.com/${org.externalKey}',
        audience: `https://auth.atlassian.com/saml/${plan.samlId}`,
        recipient: acsUrl,
        destination: acsUrl,
        subjectNameIdTemplate: '${user.userName}',
        subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        responseSigned: true,
        assertionSigned: true,
        signatureAlgorithm: 'RSA_SHA256',
        digestAlgorithm: 'SHA256',
        honorForceAuthn: true,
        authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
        requestCompressed: false,
        allowMultipleAcsEndpoints: false,
        acsEndpoints: [],
        slo: { enabled: false },
        attributeStatements: [
          claimStatement('givenname', 'user.firstName'),
          claimStatement('surname', 'user.lastName'),
          claimStatement('emailaddress', 'user.email'),
          ...plan.extraAttributeStatements,
        ],
        inlineHooks: [],
      },
    },
  };
}

function claimStatement(claim: string, expression: string): JsonObject {
  return { type: 'EXPRESSION', name: `${CLAIMS}/${claim}`, namespace: URI_FORMAT, values: [expression] };
}
