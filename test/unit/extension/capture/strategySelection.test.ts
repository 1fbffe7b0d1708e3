import { strict as assert } from 'node:assert';
import type { CaptureEnvironment, CaptureSetting } from '../../../../extension/src/capture/captureStrategy';
import { selectCaptureStrategy } from '../../../../extension/src/capture/strategySelection';

const desktop: CaptureEnvironment = { remoteName: undefined, webUi: false, recorderAvailable: true };
const desktopNoRecorder: CaptureEnvironment = { ...desktop, recorderAvailable: false };
const web: CaptureEnvironment = { remoteName: undefined, webUi: true, recorderAvailable: true };
const ssh: CaptureEnvironment = { remoteName: 'ssh-remote', webUi: false, recorderAvailable: true };
const wsl: CaptureEnvironment = { remoteName: 'wsl', webUi: false, recorderAvailable: false };

describe('capture strategy selection', () => {
  const table: [string, CaptureSetting, CaptureEnvironment, string, string[], boolean][] = [
    // name, setting, environment → kind, fallbacks, warns
    ['auto, browser-hosted VS Code', 'auto', web, 'webview', ['companion'], false],
    ['auto, SSH window (recorder on the remote)', 'auto', ssh, 'companion', [], false],
    ['auto, WSL window', 'auto', wsl, 'companion', [], false],
    ['auto, local desktop with a recorder', 'auto', desktop, 'recorder', ['companion'], false],
    ['auto, local desktop without a recorder', 'auto', desktopNoRecorder, 'companion', [], false],
    ['forced recorder, local desktop', 'recorder', desktop, 'recorder', ['companion'], false],
    ['forced recorder, SSH window', 'recorder', ssh, 'recorder', ['companion'], true],
    ['forced recorder, web UI', 'recorder', web, 'recorder', ['companion'], true],
    ['forced webview, web UI', 'webview', web, 'webview', ['companion'], false],
    ['forced webview, local desktop', 'webview', desktop, 'webview', ['recorder', 'companion'], true],
    ['forced webview, SSH window', 'webview', ssh, 'webview', ['companion'], true],
    ['forced companion, local desktop', 'companion', desktop, 'companion', [], false],
  ];
  for (const [name, setting, env, kind, fallbacks, warns] of table) {
    it(`${name} → ${kind}${warns ? ' with a warning' : ''}`, () => {
      const chosen = selectCaptureStrategy(setting, env);
      assert.equal(chosen.kind, kind);
      assert.deepEqual(chosen.fallbacks, fallbacks);
      assert.equal(chosen.warning !== undefined, warns, chosen.warning);
      assert.ok(chosen.reason.length > 10);
      assert.ok(!chosen.fallbacks.includes(chosen.kind), 'a fallback is never the choice itself');
    });
  }

  it('explains a remote window and names the remote kind', () => {
    assert.match(selectCaptureStrategy('auto', ssh).reason, /remote.*ssh-remote/);
    assert.match(selectCaptureStrategy('recorder', ssh).warning!, /remote machine/);
  });

  it('never falls back to a recorder outside a local desktop window', () => {
    for (const env of [web, ssh, wsl]) {
      for (const setting of ['auto', 'webview', 'recorder', 'companion'] as const) {
        assert.ok(!selectCaptureStrategy(setting, env).fallbacks.includes('recorder'), `${setting} in ${JSON.stringify(env)}`);
      }
    }
  });
});
