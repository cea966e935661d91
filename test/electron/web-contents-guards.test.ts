import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../src-main/electron/external-links.js';
import { denyAllPermissions, guardWebContents, type GuardedContents, type GuardedSession } from '../../src-main/electron/web-contents-guards.js';

type Listener = (event: { preventDefault(): void; url: string }) => void;

/** A WebContents stand-in that records the listeners and the window-open handler the guards install. */
class FakeContents implements GuardedContents {
  readonly listeners = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** Fires an event and tells whether a guard prevented it. */
  fire(event: string, url: string): boolean {
    let prevented = false;
    this.listeners.get(event)?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded(): { contents: FakeContents; opened: string[] } {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardWebContents(contents, (url) => opened.push(url));
  return { contents, opened };
}

describe('navigation guards', () => {
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`${event} to the web is blocked`, () => {
      expect(guarded().contents.fire(event, 'https://evil.example/')).toBe(true);
    });

    it(`${event} within the app is allowed`, () => {
      expect(guarded().contents.fire(event, 'app://butterfly/index.html')).toBe(false);
    });
  }

  it('blocks look-alike app hosts', () => {
    expect(guarded().contents.fire('will-navigate', 'app://butterfly.evil/index.html')).toBe(true);
  });

  it('blocks web views', () => {
    expect(guarded().contents.fire('will-attach-webview', '')).toBe(true);
  });
});

describe('new windows', () => {
  it('denies every window', () => {
    const { contents } = guarded();
    expect(contents.openHandler?.({ url: 'https://help.okta.com/en-us/content/index.htm' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('opens allow-listed links externally', () => {
    const { contents, opened } = guarded();
    contents.openHandler?.({ url: 'https://help.okta.com/en-us/content/index.htm' });
    contents.openHandler?.({ url: 'https://evil.example/' });
    expect(opened).toEqual(['https://help.okta.com/en-us/content/index.htm']);
  });
});

describe('external link allow-list', () => {
  const cases: [string, boolean][] = [
    ['https://developer.okta.com/docs/guides/', true],
    ['https://support.atlassian.com/provisioning-users/', true],
    ['http://developer.okta.com/docs/', false],
    ['https://developer.okta.com.evil.example/', false],
    ['https://user:pass@developer.okta.com/', false],
    ['https://developer.okta.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ];

  for (const [url, allowed] of cases) {
    it(`${allowed ? 'allows' : 'rejects'} ${url}`, () => {
      expect(isAllowedExternalUrl(url)).toBe(allowed);
    });
  }
});

describe('permission requests', () => {
  it('denies requests, checks and devices', () => {
    const answers: boolean[] = [];
    const session: GuardedSession = {
      setPermissionRequestHandler: (handler) => handler({}, 'media', (granted) => answers.push(granted)),
      setPermissionCheckHandler: (handler) => answers.push(handler()),
      setDevicePermissionHandler: (handler) => answers.push(handler()),
    };
    denyAllPermissions(session);
    expect(answers).toEqual([false, false, false]);
  });
});
