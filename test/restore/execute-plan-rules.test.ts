import { describe, expect, it } from 'vitest';
import { isIdempotentRequest, type SendMethod } from '../../src-main/okta/okta-transport.js';
import { createInDoubt, type StepHistory } from '../../src-main/restore/journal-history.js';
import { isSecretPointer, redactSecrets } from '../../src-main/restore/redact-secrets.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';

describe('secret redaction', () => {
  it('app credentials lose their secrets', () => {
    const body = {
      label: 'Atlassian Cloud',
      credentials: {
        scheme: 'EDIT_USERNAME_AND_PASSWORD',
        userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
        password: { value: 'app-password-1' },
        oauthClient: { client_id: '0oa123', client_secret: 'client-secret-1' },
        signing: { kid: 'kid-1' },
      },
      settings: { app: { value: 'plain setting' } },
    };

    const redacted = redactSecrets(body);

    expect(redacted).toEqual({
      label: 'Atlassian Cloud',
      credentials: {
        scheme: 'EDIT_USERNAME_AND_PASSWORD',
        userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
        password: '[redacted]',
        oauthClient: { client_id: '0oa123', client_secret: '[redacted]' },
        signing: { kid: 'kid-1' },
      },
      settings: { app: { value: 'plain setting' } },
    });
  });

  it('value under credentials is secret', () => {
    const body: JsonValue = { credentials: { bearer: { value: 'bearer-secret' } }, items: [{ privateKey: 'pem' }, { token: 'scim' }] };

    expect(redactSecrets(body)).toEqual({ credentials: { bearer: { value: '[redacted]' } }, items: [{ privateKey: '[redacted]' }, { token: '[redacted]' }] });
  });

  it('original body is left unchanged', () => {
    const body = { profile: { token: 'scim-token' } };

    redactSecrets(body);

    expect(body.profile.token).toBe('scim-token');
  });

  const pointers: Array<[string, boolean]> = [
    ['/credentials/password/value', true],
    ['/credentials/bearer/value', true],
    ['/profile/token', true],
    ['/credentials/oauthClient/client_secret', true],
    ['/credentials/userNameTemplate/template', false],
    ['/settings/app/value', false],
    ['/profile/name', false],
  ];
  for (const [pointer, secret] of pointers) {
    it(`pointer ${pointer} is ${secret ? 'secret' : 'plain'}`, () => {
      expect(isSecretPointer(pointer)).toBe(secret);
    });
  }
});

describe('idempotent requests', () => {
  const cases: Array<[SendMethod, string, JsonValue | undefined, boolean]> = [
    ['GET', '/api/v1/groups', undefined, true],
    ['PUT', '/api/v1/groups/00g1', { profile: { name: 'x' } }, true],
    ['DELETE', '/api/v1/groups/00g1', undefined, true],
    ['PATCH', '/api/v1/apps/0oa1/group-push/mappings/gpm1', { status: 'INACTIVE' }, true],
    ['PATCH', '/api/v1/apps/0oa1/group-push/mappings/gpm1', { status: 'INACTIVE', targetGroupName: 'x' }, false],
    ['POST', '/api/v1/groups/rules/0pr1/lifecycle/activate', undefined, true],
    ['POST', '/api/v1/policies/00p1/rules/0pr1/lifecycle/deactivate', undefined, true],
    ['POST', '/api/v1/groups', { profile: { name: 'x' } }, false],
    ['POST', '/api/v1/mappings/prm1', { properties: {} }, false],
  ];
  for (const [method, path, body, idempotent] of cases) {
    it(`${method} ${path} ${idempotent ? 'is' : 'is not'} idempotent`, () => {
      expect(isIdempotentRequest(method, path, body)).toBe(idempotent);
    });
  }
});

describe('create in doubt', () => {
  const base: StepHistory = { recorded: true, attempted: true, succeeded: false, last: 'failed', lastFailure: undefined, created: undefined };
  const cases: Array<[string, Partial<StepHistory>, boolean]> = [
    ['never started', { recorded: false, attempted: false, last: undefined }, false],
    ['started without outcome', { last: 'started' }, true],
    ['network failure', { lastFailure: { phase: 'request', status: undefined } }, true],
    ['502 response', { lastFailure: { phase: 'request', status: 502 } }, true],
    ['400 response', { lastFailure: { phase: 'request', status: 400 } }, false],
    ['429 response', { lastFailure: { phase: 'request', status: 429 } }, false],
    ['failed lookup', { lastFailure: { phase: 'lookup', status: 404 } }, true],
    ['failed read-back', { lastFailure: { phase: 'read-back', status: undefined } }, true],
    ['succeeded', { succeeded: true, last: 'succeeded' }, false],
  ];
  for (const [name, history, inDoubt] of cases) {
    it(`${name} ${inDoubt ? 'is' : 'is not'} in doubt`, () => {
      expect(createInDoubt({ ...base, ...history })).toBe(inDoubt);
    });
  }
});
