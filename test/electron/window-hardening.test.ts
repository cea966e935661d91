import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../src-main/electron/content-security-policy.js';
import { SECURITY_HEADERS } from '../../src-main/electron/app-protocol.js';
import { mainWindowOptions } from '../../src-main/electron/window-options.js';

const production = mainWindowOptions('/app/preload/preload.cjs', false);
const preferences = production.webPreferences ?? {};

/** Parses a policy header into directive → sources, so the checks read the header itself. */
function parsePolicy(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

const policy = parsePolicy(CONTENT_SECURITY_POLICY);

describe('window options', () => {
  const required: [string, unknown][] = [
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['devTools', false],
  ];

  for (const [option, expected] of required) {
    it(`sets ${option} to ${String(expected)}`, () => {
      expect((preferences as Record<string, unknown>)[option]).toBe(expected);
    });
  }

  it('loads the preload given', () => {
    expect(preferences.preload).toBe('/app/preload/preload.cjs');
  });

  it('opens dev tools only in development', () => {
    expect(mainWindowOptions('/p', true).webPreferences?.devTools).toBe(true);
  });

  it('fits a 1280×800 screen', () => {
    expect(production.minWidth).toBeLessThanOrEqual(1280);
    expect(production.minHeight).toBeLessThanOrEqual(800);
  });
});

describe('content security policy', () => {
  it('denies by default', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  for (const directive of ['script-src', 'worker-src', 'connect-src', 'font-src', 'img-src']) {
    it(`limits ${directive} to the app`, () => {
      expect(policy.get(directive)).toEqual(["'self'"]);
    });
  }

  for (const directive of ['object-src', 'base-uri', 'form-action', 'frame-src', 'frame-ancestors']) {
    it(`blocks ${directive}`, () => {
      expect(policy.get(directive)).toEqual(["'none'"]);
    });
  }

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('names no remote origin', () => {
    for (const sources of Object.values(CSP_DIRECTIVES)) {
      for (const source of sources) expect(source).toMatch(/^'(self|none|unsafe-inline)'$/);
    }
  });

  it('is sent with every app file', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});
