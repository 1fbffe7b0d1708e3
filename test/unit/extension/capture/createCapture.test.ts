import { strict as assert } from 'node:assert';
import { createCapture } from '../../../../extension/src/capture/createCapture';
import { RecorderCapture } from '../../../../extension/src/capture/recorderCapture';
import { selectCaptureStrategy } from '../../../../extension/src/capture/strategySelection';
import { WebviewCapture } from '../../../../extension/src/capture/webviewCapture';

describe('createCapture', () => {
  const webviewMic = new WebviewCapture(() => true);
  const recorder = new RecorderCapture({ recorderCommand: ['true'] });
  const desktop = { remoteName: undefined, webUi: false, recorderAvailable: true };
  after(() => { webviewMic.dispose(); recorder.dispose(); });

  it('uses the panel mic in a browser-hosted VS Code', () => {
    const selection = selectCaptureStrategy('auto', { ...desktop, webUi: true });
    assert.equal(createCapture(selection, webviewMic, { recorder: () => recorder }), webviewMic);
  });

  it('makes the recorder on a local desktop that has one', () => {
    assert.equal(createCapture(selectCaptureStrategy('auto', desktop), webviewMic, { recorder: () => recorder }), recorder);
  });

  it('falls back in order when the selected kind cannot be made here, and to the panel mic last', () => {
    const forcedCompanion = selectCaptureStrategy('companion', desktop);
    assert.equal(createCapture(forcedCompanion, webviewMic, {}), webviewMic);
    const webviewFirst = selectCaptureStrategy('webview', desktop);
    assert.deepEqual(webviewFirst.fallbacks, ['recorder', 'companion']);
    assert.equal(createCapture({ ...webviewFirst, kind: 'companion' }, webviewMic, { recorder: () => recorder }), recorder);
  });
});
