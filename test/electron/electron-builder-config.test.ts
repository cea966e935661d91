import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const config = load(await readFile(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(await readFile(new URL('../../node_modules/app-builder-lib/scheme.json', import.meta.url), 'utf8')) as object;

function targets(platform: string): unknown {
  return (config[platform] as { target?: unknown } | undefined)?.target;
}

describe('electron-builder.yml', () => {
  it("matches electron-builder's schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, config);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('builds every platform target', () => {
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(targets('win')).toEqual(['nsis']);
  });

  it('unpacks native modules from asar', () => {
    const unpacked = config['asarUnpack'] as string[];
    expect(unpacked).toContain('**/*.node');
    expect(unpacked).toContain('node_modules/better-sqlite3/**');
  });

  const fuses: [string, boolean][] = [
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['grantFileProtocolExtraPrivileges', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
  ];

  for (const [fuse, value] of fuses) {
    it(`sets fuse ${fuse} to ${String(value)}`, () => {
      expect((config['electronFuses'] as Record<string, boolean>)[fuse]).toBe(value);
    });
  }

  it('starts the built main process', () => {
    expect((config['extraMetadata'] as { main: string }).main).toBe('out/app/src-main/electron/main.js');
  });
});
