import type { JsonObject } from '../../../src-shared/json/json-types.js';

/**
 * Writes the IdP metadata XML Okta publishes for a SAML app: entity id, signing certificate,
 * name id formats and the SSO URLs. Atlassian admins paste these values into Atlassian Access.
 */
export function samlMetadataXml(baseUrl: string, app: JsonObject, key: JsonObject): string {
  const appName = escapeXml(String(app['name'] ?? 'app'));
  const appId = escapeXml(String(app['id']));
  const entityId = `${baseUrl}/${appId}`;
  const ssoUrl = `${baseUrl}/app/${appName}/${appId}/sso/saml`;
  const certificate = Array.isArray(key['x5c']) ? String(key['x5c'][0] ?? '') : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXml(entityId)}">`,
    '  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    '    <md:KeyDescriptor use="signing">',
    '      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">',
    `        <ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data>`,
    '      </ds:KeyInfo>',
    '    </md:KeyDescriptor>',
    '    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>',
    '    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>',
    `    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(ssoUrl)}"/>`,
    `    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(ssoUrl)}"/>`,
    '  </md:IDPSSODescriptor>',
    '</md:EntityDescriptor>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
