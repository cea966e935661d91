import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFolderError, dataFolderPath, resolveDataFolder } from '../../src-main/secrets/data-folder.js';

describe('dataFolderPath', () => {
  it('uses BUTTERFLY_HOME', () => {
    expect(dataFolderPath({ BUTTERFLY_HOME: '/srv/./butterfly', HOME: '/home/ana' }, 'linux')).toBe('/srv/butterfly');
  });

  it('rejects relative BUTTERFLY_HOME', () => {
    const resolve = (): string => dataFolderPath({ BUTTERFLY_HOME: 'data/butterfly' }, 'linux');

    expect(resolve).toThrow(DataFolderError);
    expect(resolve).toThrow('BUTTERFLY_HOME is "data/butterfly", which is not an absolute path');
  });

  it('has a stable error code', () => {
    const error = (() => {
      try {
        return dataFolderPath({ BUTTERFLY_HOME: 'relative' }, 'linux');
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toMatchObject({ code: 'DATA_FOLDER_INVALID' });
  });

  it('uses XDG_DATA_HOME on Linux', () => {
    expect(dataFolderPath({ XDG_DATA_HOME: '/home/ana/data', HOME: '/home/ana' }, 'linux')).toBe('/home/ana/data/butterfly');
  });

  it('ignores relative XDG_DATA_HOME', () => {
    expect(dataFolderPath({ XDG_DATA_HOME: 'data', HOME: '/home/ana' }, 'linux')).toBe('/home/ana/.local/share/butterfly');
  });

  it('defaults to ~/.local/share on Linux', () => {
    expect(dataFolderPath({ HOME: '/home/ana' }, 'linux')).toBe('/home/ana/.local/share/butterfly');
  });

  it('uses Application Support on macOS', () => {
    expect(dataFolderPath({ HOME: '/Users/ana', XDG_DATA_HOME: '/ignored' }, 'darwin')).toBe('/Users/ana/Library/Application Support/Butterfly');
  });

  it('uses APPDATA on Windows', () => {
    expect(dataFolderPath({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Butterfly');
  });

  it('accepts a Windows BUTTERFLY_HOME', () => {
    expect(dataFolderPath({ BUTTERFLY_HOME: 'D:\\butterfly' }, 'win32')).toBe('D:\\butterfly');
  });
});

describe('resolveDataFolder', () => {
  it.skipIf(process.platform === 'win32')('creates the folder with mode 0700', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'butterfly-home-'));
    try {
      const folder = await resolveDataFolder({ BUTTERFLY_HOME: join(parent, 'nested', 'butterfly') });

      expect(folder).toBe(join(parent, 'nested', 'butterfly'));
      expect((await stat(folder)).mode & 0o777).toBe(0o700);
      expect((await stat(join(parent, 'nested'))).mode & 0o777).toBe(0o700);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('accepts an existing folder', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'butterfly-home-'));
    try {
      expect(await resolveDataFolder({ BUTTERFLY_HOME: parent })).toBe(parent);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('reports a folder it cannot create', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'butterfly-home-'));
    try {
      const blocked = join(parent, 'file-not-folder');
      await writeFile(blocked, '');
      const resolve = resolveDataFolder({ BUTTERFLY_HOME: join(blocked, 'butterfly') });

      await expect(resolve).rejects.toBeInstanceOf(DataFolderError);
      await expect(resolve).rejects.toThrow('is not a folder');
      await expect(resolve).rejects.not.toThrow('permissions');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('reports BUTTERFLY_HOME naming a file', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'butterfly-home-'));
    try {
      const file = join(parent, 'file-not-folder');
      await writeFile(file, '');
      const resolve = resolveDataFolder({ BUTTERFLY_HOME: file });

      await expect(resolve).rejects.toBeInstanceOf(DataFolderError);
      await expect(resolve).rejects.toThrow(`The data folder ${file} is not a folder`);
      await expect(resolve).rejects.not.toThrow('permissions');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('reports a folder it may not create', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'butterfly-home-'));
    try {
      await chmod(parent, 0o500);
      const resolve = resolveDataFolder({ BUTTERFLY_HOME: join(parent, 'butterfly') });

      await expect(resolve).rejects.toThrow('Failed to create the data folder');
      await expect(resolve).rejects.toThrow('Check the permissions');
    } finally {
      await chmod(parent, 0o700);
      await rm(parent, { recursive: true, force: true });
    }
  });
});
