import { canonicalJson } from '../../json/canonical-json.js';
import type { JsonObject } from '../../json/json-types.js';
import type { FindingDraft, FindingRule } from './finding-rule.js';
import { isUnder, objectsAt, pointerOf, pointerTokens, valueAt } from './json-pointer.js';
import { code, describeChange, listChanges, missingFrom } from './phrases.js';
import { fieldRule, sameValue } from './rule-builders.js';

const SIGN_ON = '/settings/signOn';
const ATTRIBUTE_STATEMENTS = `${SIGN_ON}/attributeStatements`;

/** Admin Console names of the SAML settings under `settings.signOn` that have no rule of their own. */
const SAML_SETTING_NAMES: Readonly<Record<string, string>> = {
  allowMultipleAcsEndpoints: 'Allow this app to request other SSO URLs',
  assertionEncryption: 'Assertion Encryption',
  assertionSigned: 'Assertion Signature',
  authnContextClassRef: 'Authentication context class',
  defaultRelayState: 'Default RelayState',
  digestAlgorithm: 'Digest Algorithm',
  honorForceAuthn: 'Honor Force Authentication',
  idpIssuer: 'IdP issuer',
  inlineHooks: 'SAML inline hook',
  participateSlo: 'Single Logout participation',
  requestCompressed: 'request compression',
  responseSigned: 'Response signature',
  samlSignedRequestEnabled: 'signed requests',
  signatureAlgorithm: 'Signature Algorithm',
  slo: 'Single Logout',
  spCertificate: 'signature certificate',
  spIssuer: 'SP issuer',
  subjectNameIdTemplate: 'Name ID template',
};

/** Writes which attribute statements, known by name, were removed, added or changed; empty when none differ. */
function statementChanges(before: JsonObject[], after: JsonObject[]): string {
  const byName = (statements: JsonObject[]): Map<string, string> =>
    new Map(statements.map((statement) => [String(statement['name']), canonicalJson(statement)]));
  const was = byName(before);
  const now = byName(after);

  return listChanges({
    removed: missingFrom([...was.keys()], [...now.keys()]).map(code),
    added: missingFrom([...now.keys()], [...was.keys()]).map(code),
    changed: [...now.keys()].filter((name) => was.has(name) && was.get(name) !== now.get(name)).map(code),
  });
}

const attributeStatementsChanged: FindingRule = {
  code: 'app-attribute-statements-changed',
  severity: 'high',
  on: 'changed',
  paths: [ATTRIBUTE_STATEMENTS],
  describe: ({ subject, before, after }) => {
    const changes = statementChanges(objectsAt(before, ATTRIBUTE_STATEMENTS), objectsAt(after, ATTRIBUTE_STATEMENTS));
    if (changes === '') return undefined;
    return { sentence: `${subject}: attribute statements changed: ${changes}.` };
  },
};

/** Reports each remaining SAML setting under its Admin Console name, one finding per setting. */
const otherSamlSettingChanged: FindingRule = {
  code: 'app-saml-setting-changed',
  severity: 'high',
  on: 'changed',
  paths: [SIGN_ON],
  catchAll: true,
  describe: ({ subject, before, after, paths }) => {
    const drafts: FindingDraft[] = [];
    for (const setting of new Set(paths.map((path) => pointerTokens(path)[2] ?? ''))) {
      const pointer = `${SIGN_ON}${pointerOf(setting)}`;
      const field = SAML_SETTING_NAMES[setting] ?? `SAML setting ${code(setting)}`;
      const was = valueAt(before, pointer);
      const now = valueAt(after, pointer);
      if (sameValue(was, now)) continue;
      drafts.push({ sentence: `${subject}: ${describeChange(field, was, now)}.`, claims: paths.filter((path) => isUnder(path, pointer)) });
    }
    return drafts;
  },
};

/** Rules for the SAML 2.0 sign-on settings of an app (`settings.signOn`). */
export const APP_SIGN_ON_RULES: readonly FindingRule[] = [
  fieldRule('app-acs-url-changed', 'critical', `${SIGN_ON}/ssoAcsUrl`, 'ACS URL'),
  fieldRule('app-acs-url-changed', 'critical', `${SIGN_ON}/recipient`, 'Recipient URL'),
  fieldRule('app-acs-url-changed', 'critical', `${SIGN_ON}/destination`, 'Destination URL'),
  fieldRule('app-acs-url-changed', 'critical', `${SIGN_ON}/acsEndpoints`, 'other requestable SSO URLs'),
  fieldRule('app-audience-changed', 'critical', `${SIGN_ON}/audience`, 'Audience URI'),
  fieldRule('app-name-id-format-changed', 'high', `${SIGN_ON}/subjectNameIdFormat`, 'Name ID format'),
  attributeStatementsChanged,
  otherSamlSettingChanged,
];
